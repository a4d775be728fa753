using OpinionBot.Text;

namespace OpinionBot.Matching;

/// <summary>What is wrong with a keyword rule.</summary>
public enum RuleErrorKind
{
    Empty,
    UnclosedQuote,
    EmptyPhrase,
    UnclosedParenthesis,
    UnexpectedCloseParenthesis,
    EmptyParentheses,
    MissingOperand,
    BadNearDistance,
    NearNeedsWords,
    MisplacedWildcard,
    ScopeWithoutTerm,
    MatchesWithoutWords,
}

/// <summary>A rule error: where (0-based character index into the rule) and what.</summary>
/// <param name="Token">The text at the position, when it helps the reader find it.</param>
public sealed record RuleSyntaxError(int Position, RuleErrorKind Kind, string? Token = null)
{
    public string Describe(Strings strings) => strings.RuleError(this);
}

/// <summary>Thrown when a rule cannot be parsed or a topic cannot be compiled; the message is in the configured language.</summary>
public sealed class RuleSyntaxException : Exception
{
    public RuleSyntaxException()
    {
    }

    public RuleSyntaxException(string message)
        : base(message)
    {
    }

    public RuleSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuleSyntaxException(RuleSyntaxError error, string message)
        : base(message) => Error = error;

    public RuleSyntaxError? Error { get; }
}
