namespace OpinionBot.Matching;

/// <summary>
/// Parses a topic rule. Precedence, loosest first: <c>OR</c> / <c>|</c>; <c>AND</c> / <c>+</c> / juxtaposition;
/// <c>NOT</c> / <c>-</c> (so <c>a-b</c> is a AND NOT b); <c>NEAR/n</c>; then words, "quoted phrases", parentheses and
/// <c>title:</c> / <c>text:</c> scopes. Example: <c>(医院|卫生院)+(投诉|曝光|维权)-招聘</c>.
/// </summary>
public static class RuleParser
{
    public static bool TryParse(string? rule, out RuleNode? node, out RuleSyntaxError? error)
    {
        try
        {
            node = ParseOrThrow(rule ?? "");
            error = null;
            return true;
        }
        catch (RuleParseFailure failure)
        {
            node = null;
            error = failure.Error;
            return false;
        }
    }

    /// <summary>Parses or throws <see cref="RuleSyntaxException"/> with the message in <paramref name="strings"/>' language.</summary>
    public static RuleNode Parse(string rule, Text.Strings? strings = null)
    {
        if (TryParse(rule, out var node, out var error))
        {
            return node!;
        }

        throw new RuleSyntaxException(error!, error!.Describe(strings ?? Text.Strings.Chinese));
    }

    /// <summary>True when the rule would match an item that contains none of its words (e.g. <c>-招聘</c> alone).</summary>
    public static bool MatchesWithoutWords(RuleNode node) => node switch
    {
        AndNode and => MatchesWithoutWords(and.Left) && MatchesWithoutWords(and.Right),
        OrNode or => MatchesWithoutWords(or.Left) || MatchesWithoutWords(or.Right),
        NotNode not => !MatchesWithoutWords(not.Inner),
        AtLeastNode atLeast => atLeast.Count <= 0,
        _ => false,
    };

    private static RuleNode ParseOrThrow(string rule)
    {
        var tokens = RuleLexer.Tokenize(rule);
        if (tokens.Count == 0)
        {
            throw Fail(0, RuleErrorKind.Empty);
        }

        var reader = new Reader(tokens, rule.Length);
        var node = reader.Or(RuleScope.Anywhere);
        if (reader.Peek is { } extra)
        {
            throw Fail(extra.Position, RuleErrorKind.UnexpectedCloseParenthesis, extra.Text);
        }

        if (MatchesWithoutWords(node))
        {
            throw Fail(0, RuleErrorKind.MatchesWithoutWords, rule);
        }

        return node;
    }

    private static RuleParseFailure Fail(int position, RuleErrorKind kind, string? token = null) =>
        new(new RuleSyntaxError(position, kind, token));

    private sealed class Reader(List<RuleToken> tokens, int length)
    {
        private int _next;

        public RuleToken? Peek => _next < tokens.Count ? tokens[_next] : null;

        public RuleNode Or(RuleScope scope)
        {
            var left = And(scope);
            while (Peek is { Kind: RuleTokenKind.Or } op)
            {
                _next++;
                RequireOperand(op);
                left = new OrNode(left, And(scope));
            }

            return left;
        }

        private RuleNode And(RuleScope scope)
        {
            var left = Unary(scope);
            while (Peek is { } token)
            {
                if (token.Kind == RuleTokenKind.And)
                {
                    _next++;
                    RequireOperand(token);
                }
                else if (!StartsOperand(token))
                {
                    break;
                }

                left = new AndNode(left, Unary(scope));
            }

            return left;
        }

        private RuleNode Unary(RuleScope scope)
        {
            if (Peek is { Kind: RuleTokenKind.Not } not)
            {
                _next++;
                RequireOperand(not);
                return new NotNode(Unary(scope));
            }

            var left = Primary(scope);
            while (Peek is { Kind: RuleTokenKind.Near } near)
            {
                _next++;
                RequireOperand(near);
                if (Peek is { Kind: RuleTokenKind.Not })
                {
                    throw Fail(near.Position, RuleErrorKind.NearNeedsWords, near.Text);
                }

                var right = Primary(scope);
                if (!IsPositional(left) || !IsPositional(right))
                {
                    throw Fail(near.Position, RuleErrorKind.NearNeedsWords, near.Text);
                }

                left = new NearNode(left, right, near.Number);
            }

            return left;
        }

        private RuleNode Primary(RuleScope scope)
        {
            var token = Peek ?? throw Fail(length, RuleErrorKind.MissingOperand);
            _next++;
            switch (token.Kind)
            {
                case RuleTokenKind.Term:
                    return new TermNode(token.Text, TextNormalizer.NormalizeKeyword(token.Text), token.Prefix, scope, token.Position);
                case RuleTokenKind.Scope:
                    if (Peek is not { Kind: RuleTokenKind.Term or RuleTokenKind.Open })
                    {
                        throw Fail(token.Position, RuleErrorKind.ScopeWithoutTerm, token.Text + ":");
                    }

                    return Primary((RuleScope)token.Number);
                case RuleTokenKind.Open:
                    if (Peek is { Kind: RuleTokenKind.Close })
                    {
                        throw Fail(token.Position, RuleErrorKind.EmptyParentheses, "()");
                    }

                    var inner = Or(scope);
                    if (Peek is not { Kind: RuleTokenKind.Close })
                    {
                        throw Fail(token.Position, RuleErrorKind.UnclosedParenthesis, token.Text);
                    }

                    _next++;
                    return inner;
                case RuleTokenKind.Close:
                    throw Fail(token.Position, RuleErrorKind.UnexpectedCloseParenthesis, token.Text);
                default:
                    // An operator where a word should be: "+投诉", "医院 OR OR 学校", "NEAR/3 投诉".
                    throw Fail(token.Position, RuleErrorKind.MissingOperand, token.Text);
            }
        }

        private void RequireOperand(RuleToken op)
        {
            if (Peek is not { } next || !StartsOperand(next))
            {
                throw Fail(op.Position, RuleErrorKind.MissingOperand, op.Text);
            }
        }

        private static bool StartsOperand(RuleToken token) =>
            token.Kind is RuleTokenKind.Term or RuleTokenKind.Open or RuleTokenKind.Not or RuleTokenKind.Scope;

        private static bool IsPositional(RuleNode node) => node switch
        {
            TermNode => true,
            OrNode or => IsPositional(or.Left) && IsPositional(or.Right),
            _ => false,
        };
    }
}
