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
        var titleNormal = TextNormalizer.Normalize(title).Text;
        var textNormal = TextNormalizer.Normalize(text).Text;
        var hits = new ItemHits(titleNormal, textNormal, _automaton.FindAll(titleNormal), _automaton.FindAll(textNormal));
        var candidates = new SortedSet<int>(hits.Patterns.SelectMany(p => _topicsByPattern[p]));
        var matches = new List<TopicMatch>();
        foreach (var index in candidates)
        {
            var topic = _topics[index];
            if (topic.Exclude.Any(x => hits.Has(_patternOf[x.Key], x)) || !Evaluate(topic.Rule, hits))
            {
                continue;
            }

            var words = _wordsOf[index]
                .Where(x => hits.Has(x.Pattern, x.Term))
                .Select(x => x.Term.Text.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            matches.Add(new TopicMatch(topic.Name, words, topic.Grade, topic.Department, topic.WatchedIncidentId));
        }

        return matches;
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
}
