using System.Text;

namespace OpinionBot.Matching;

internal enum RuleTokenKind
{
    Term,
    And,
    Or,
    Not,
    Near,
    Open,
    Close,
    Scope,
}

internal readonly record struct RuleToken(RuleTokenKind Kind, int Position, string Text, int Number = 0, bool Prefix = false);

/// <summary>
/// Splits a rule into tokens. Accepts the full-width forms a Chinese input method types (（）＋｜－“”：).
/// <c>AND</c>, <c>OR</c>, <c>NOT</c> and <c>NEAR/n</c> are operators only in upper case, so the English words stay searchable.
/// </summary>
internal static class RuleLexer
{
    public const int MaxNearDistance = RuleLexerLimits.MaxNearDistance;

    public static List<RuleToken> Tokenize(string rule)
    {
        var tokens = new List<RuleToken>();
        var i = 0;
        while (i < rule.Length)
        {
            var c = rule[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var single = c switch
            {
                '(' or '（' => RuleTokenKind.Open,
                ')' or '）' => RuleTokenKind.Close,
                '+' or '＋' => RuleTokenKind.And,
                '|' or '｜' => RuleTokenKind.Or,
                '-' or '－' => RuleTokenKind.Not,
                _ => (RuleTokenKind?)null,
            };
            if (single is { } kind)
            {
                tokens.Add(new RuleToken(kind, i, c.ToString()));
                i++;
            }
            else if (IsQuote(c))
            {
                i = ReadPhrase(rule, i, tokens);
            }
            else
            {
                i = ReadWord(rule, i, tokens);
            }
        }

        return tokens;
    }

    private static bool IsQuote(char c) => c is '"' or '“' or '”' or '＂';

    private static bool EndsWord(char c) => char.IsWhiteSpace(c) || IsQuote(c) || "()（）+＋|｜-－".Contains(c);

    private static int ReadPhrase(string rule, int start, List<RuleToken> tokens)
    {
        var end = start + 1;
        while (end < rule.Length && !IsQuote(rule[end]))
        {
            end++;
        }

        if (end >= rule.Length)
        {
            throw new RuleParseFailure(new RuleSyntaxError(start, RuleErrorKind.UnclosedQuote, rule[start..]));
        }

        var text = rule[(start + 1)..end];
        if (TextNormalizer.NormalizeKeyword(text).Length == 0)
        {
            throw new RuleParseFailure(new RuleSyntaxError(start, RuleErrorKind.EmptyPhrase, rule[start..(end + 1)]));
        }

        tokens.Add(new RuleToken(RuleTokenKind.Term, start, text));
        return end + 1;
    }

    private static int ReadWord(string rule, int start, List<RuleToken> tokens)
    {
        var word = new StringBuilder();
        var i = start;
        while (i < rule.Length && !EndsWord(rule[i]))
        {
            if (rule[i] is ':' or '：' && ScopeOf(word.ToString()) is { } scope)
            {
                tokens.Add(new RuleToken(RuleTokenKind.Scope, start, word.ToString(), (int)scope));
                return i + 1;
            }

            word.Append(rule[i++]);
        }

        var text = word.ToString();
        var token = text switch
        {
            "AND" => new RuleToken(RuleTokenKind.And, start, text),
            "OR" => new RuleToken(RuleTokenKind.Or, start, text),
            "NOT" => new RuleToken(RuleTokenKind.Not, start, text),
            _ when text == "NEAR" || text.StartsWith("NEAR/", StringComparison.Ordinal) => Near(text, start),
            _ => Term(text, start),
        };

        // A word of punctuation only (e.g. a stray 、) carries nothing to match; dropping it is what the user meant.
        if (token.Kind != RuleTokenKind.Term || TextNormalizer.NormalizeKeyword(token.Text).Length > 0)
        {
            tokens.Add(token);
        }

        return i;
    }

    private static RuleToken Near(string text, int start)
    {
        var digits = text.Length > 5 ? text[5..] : "";
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, null, out var n) || n > MaxNearDistance)
        {
            throw new RuleParseFailure(new RuleSyntaxError(start, RuleErrorKind.BadNearDistance, text));
        }

        return new RuleToken(RuleTokenKind.Near, start, text, n);
    }

    private static RuleToken Term(string text, int start)
    {
        var star = text.IndexOfAny(['*', '＊']);
        var prefix = star == text.Length - 1;
        var body = prefix ? text[..^1] : text;
        if ((star >= 0 && !prefix) || (prefix && TextNormalizer.NormalizeKeyword(body).Length == 0))
        {
            throw new RuleParseFailure(new RuleSyntaxError(start + Math.Max(star, 0), RuleErrorKind.MisplacedWildcard, text));
        }

        return new RuleToken(RuleTokenKind.Term, start, body, Prefix: prefix);
    }

    private static RuleScope? ScopeOf(string word) => word.ToLowerInvariant() switch
    {
        "title" or "标题" => RuleScope.Title,
        "text" or "正文" or "内容" => RuleScope.Text,
        _ => null,
    };
}

/// <summary>Carries an error out of the recursive parser; never escapes <see cref="RuleParser"/>.</summary>
// CA1032: an internal control-flow exception; the standard constructors would be dead code.
#pragma warning disable CA1032
internal sealed class RuleParseFailure(RuleSyntaxError error) : Exception(error.Kind.ToString())
#pragma warning restore CA1032
{
    public RuleSyntaxError Error { get; } = error;
}
