using OpinionBot.Text;

namespace OpinionBot.Matching;

/// <summary>
/// All topics (configured and temporary) compiled into one <see cref="KeywordAutomaton"/>. A topic's rule is only
/// evaluated when one of its words occurs, which is sound because a rule that matches without words is rejected.
/// </summary>
internal sealed class CompiledTopics
{
    private readonly KeywordAutomaton _automaton;
    private readonly Dictionary<string, int> _patternOf;
    private readonly Topic[] _topics;
    private readonly int[][] _topicsByPattern;
    private readonly (TermNode Term, int Pattern)[][] _wordsOf;

    // Each topic's rule with its words resolved to pattern numbers and OR/AND chains flattened, so evaluating it costs
    // no string hashing and no deep recursion (a topic's keywords form a long OR chain).
    private readonly Check[] _rules;
    private readonly (TermNode Term, int Pattern)[][] _excludeOf;

    private CompiledTopics(KeywordAutomaton automaton, Dictionary<string, int> patternOf, Topic[] topics)
    {
        _automaton = automaton;
        _patternOf = patternOf;
        _topics = topics;
        var byPattern = new List<int>[patternOf.Count];
        for (var t = 0; t < topics.Length; t++)
        {
            foreach (var term in Terms(topics[t].Rule).Where(x => !x.Negated))
            {
                (byPattern[patternOf[term.Node.Key]] ??= []).Add(t);
            }
        }

        _topicsByPattern = [.. byPattern.Select(x => x is null ? [] : x.Distinct().ToArray())];
        _wordsOf = [.. topics.Select(t => Terms(t.Rule).Where(x => !x.Negated).Select(x => (x.Node, patternOf[x.Node.Key])).ToArray())];
        _rules = [.. topics.Select(t => CompileCheck(t.Rule))];
        _excludeOf = [.. topics.Select(t => t.Exclude.Select(x => (x, patternOf[x.Key])).ToArray())];
    }

    public int PatternCount => _patternOf.Count;

    /// <summary>Compiles or throws <see cref="RuleSyntaxException"/> naming the first broken topic.</summary>
    public static CompiledTopics Compile(IReadOnlyList<TopicDefinition> topics, IReadOnlyList<WatchTopic> watches, Strings strings)
    {
        var compiled = new List<Topic>();
        foreach (var definition in topics)
        {
            compiled.Add(TopicRule.Compile(definition, strings));
        }

        foreach (var watch in watches)
        {
            compiled.Add(TopicRule.Compile(watch));
        }

        var patternOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in compiled.SelectMany(t => Terms(t.Rule).Select(x => x.Node).Concat(t.Exclude)))
        {
            patternOf.TryAdd(term.Key, patternOf.Count);
        }

        var patterns = patternOf.OrderBy(x => x.Value).Select(x => x.Key).ToArray();
        return new CompiledTopics(new KeywordAutomaton(patterns), patternOf, [.. compiled]);
    }

    public List<TopicMatch> Match(string title, string text)
    {
        var titleNormal = TextNormalizer.NormalizeText(title);
        var textNormal = TextNormalizer.NormalizeText(text);
        var titleHits = _automaton.FindAll(titleNormal);
        var textHits = _automaton.FindAll(textNormal);
        var matches = new List<TopicMatch>();
        if (titleHits.Count == 0 && textHits.Count == 0)
        {
            return matches;
        }

        var hits = new ItemHits(titleNormal, textNormal, titleHits, textHits);
        var candidates = new List<int>();
        foreach (var pattern in hits.Patterns)
        {
            candidates.AddRange(_topicsByPattern[pattern]);
        }

        candidates.Sort();
        var previous = -1;
        foreach (var index in candidates)
        {
            if (index == previous)
            {
                continue;
            }

            previous = index;
            if (Excluded(index, hits) || !Evaluate(_rules[index], hits))
            {
                continue;
            }

            var topic = _topics[index];
            var words = _wordsOf[index]
                .Where(x => hits.Has(x.Pattern, x.Term))
                .Select(x => x.Term.Text.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            matches.Add(new TopicMatch(topic.Name, words, topic.Grade, topic.Department, topic.WatchedIncidentId));
        }

        return matches;
    }

    private bool Excluded(int topic, ItemHits hits)
    {
        foreach (var (term, pattern) in _excludeOf[topic])
        {
            if (hits.Has(pattern, term))
            {
                return true;
            }
        }

        return false;
    }

    private bool Evaluate(Check check, ItemHits hits)
    {
        switch (check)
        {
            case TermCheck term:
                return hits.Has(term.Pattern, term.Term);
            case AnyCheck any:
                foreach (var part in any.Parts)
                {
                    if (Evaluate(part, hits))
                    {
                        return true;
                    }
                }

                return false;
            case AllCheck all:
                foreach (var part in all.Parts)
                {
                    if (!Evaluate(part, hits))
                    {
                        return false;
                    }
                }

                return true;
            case NotCheck not:
                return !Evaluate(not.Inner, hits);
            case RuleCheck rule:
                return Evaluate(rule.Node, hits);
            default:
                return false;
        }
    }

    private Check CompileCheck(RuleNode node) => node switch
    {
        TermNode term => new TermCheck(_patternOf[term.Key], term),
        OrNode => new AnyCheck([.. Chain<OrNode>(node, n => (n.Left, n.Right)).Select(CompileCheck)]),
        AndNode => new AllCheck([.. Chain<AndNode>(node, n => (n.Left, n.Right)).Select(CompileCheck)]),
        NotNode not => new NotCheck(CompileCheck(not.Inner)),
        _ => new RuleCheck(node),
    };

    /// <summary>The operands of a chain of one operator, left to right (a OR b OR c: a, b, c), without recursion.</summary>
    private static List<RuleNode> Chain<T>(RuleNode node, Func<T, (RuleNode Left, RuleNode Right)> sides)
        where T : RuleNode
    {
        var operands = new List<RuleNode>();
        var pending = new Stack<RuleNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is T chained)
            {
                var (left, right) = sides(chained);
                pending.Push(right);
                pending.Push(left);
            }
            else
            {
                operands.Add(current);
            }
        }

        return operands;
    }

    private bool Evaluate(RuleNode node, ItemHits hits) => node switch
    {
        TermNode term => hits.Has(_patternOf[term.Key], term),
        AndNode and => Evaluate(and.Left, hits) && Evaluate(and.Right, hits),
        OrNode or => Evaluate(or.Left, hits) || Evaluate(or.Right, hits),
        NotNode not => !Evaluate(not.Inner, hits),
        NearNode near => Near(near, hits),
        AtLeastNode atLeast => atLeast.Terms.Count(t => hits.Has(_patternOf[t.Key], t)) >= atLeast.Count,
        _ => false,
    };

    private bool Near(NearNode near, ItemHits hits)
    {
        var left = Terms(near.Left).SelectMany(t => hits.Occurrences(_patternOf[t.Node.Key], t.Node)).ToList();
        if (left.Count == 0)
        {
            return false;
        }

        var right = Terms(near.Right).SelectMany(t => hits.Occurrences(_patternOf[t.Node.Key], t.Node));
        return right.Any(r => left.Any(l => l.Field == r.Field && hits.Distance(l.Field, l.Hit, r.Hit) <= near.Distance));
    }

    /// <summary>Every term of a rule, and whether it sits under an odd number of NOTs (a word that must be absent).</summary>
    private static IEnumerable<(TermNode Node, bool Negated)> Terms(RuleNode node, bool negated = false) => node switch
    {
        TermNode term => [(term, negated)],
        AndNode and => Terms(and.Left, negated).Concat(Terms(and.Right, negated)),
        OrNode or => Terms(or.Left, negated).Concat(Terms(or.Right, negated)),
        NotNode not => Terms(not.Inner, !negated),
        NearNode near => Terms(near.Left, negated).Concat(Terms(near.Right, negated)),
        AtLeastNode atLeast => atLeast.Terms.Select(t => (t, negated)),
        _ => [],
    };

    private abstract class Check;

    private sealed class TermCheck(int pattern, TermNode term) : Check
    {
        public int Pattern { get; } = pattern;
        public TermNode Term { get; } = term;
    }

    private sealed class AnyCheck(Check[] parts) : Check
    {
        public Check[] Parts { get; } = parts;
    }

    private sealed class AllCheck(Check[] parts) : Check
    {
        public Check[] Parts { get; } = parts;
    }

    private sealed class NotCheck(Check inner) : Check
    {
        public Check Inner { get; } = inner;
    }

    /// <summary>NEAR and at-least rules, evaluated on the rule tree (they need the positions of the words).</summary>
    private sealed class RuleCheck(RuleNode node) : Check
    {
        public RuleNode Node { get; } = node;
    }
}
