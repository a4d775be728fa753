using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Matching;

/// <summary>One topic ready to evaluate: its rule (keywords OR rule), its exclusions and what a match carries.</summary>
internal sealed record Topic(
    string Name,
    RuleNode Rule,
    IReadOnlyList<TermNode> Exclude,
    Grade Grade,
    string? Department,
    long? WatchedIncidentId);

internal static class TopicRule
{
    public static Topic Compile(TopicDefinition definition, Strings strings)
    {
        var parts = new List<RuleNode>();
        if (!string.IsNullOrWhiteSpace(definition.Rule))
        {
            if (!RuleParser.TryParse(definition.Rule, out var rule, out var error))
            {
                throw new RuleSyntaxException(error!, strings.TopicRuleInvalid(definition.Name, "Rule", error!.Describe(strings)));
            }

            parts.Add(rule!);
        }

        parts.AddRange(Words(definition.Keywords));
        if (parts.Count == 0)
        {
            throw new RuleSyntaxException(strings.TopicHasNoWords(definition.Name));
        }

        var combined = parts.Aggregate((left, right) => new OrNode(left, right));
        return new Topic(definition.Name, combined, Words(definition.Exclude), definition.Grade, definition.Department, null);
    }

    public static Topic Compile(WatchTopic watch)
    {
        var terms = Words(watch.Terms);
        var needed = Math.Clamp(watch.MinHits, 1, Math.Max(terms.Count, 1));
        return new Topic(watch.Name, new AtLeastNode(terms.Count == 0 ? 1 : needed, terms), [], Grade.General, null, watch.IncidentId);
    }

    /// <summary>Plain keywords as terms; a trailing * makes a prefix; blanks and punctuation-only words are skipped.</summary>
    public static List<TermNode> Words(IEnumerable<string> words) =>
    [
        .. words
            .Where(w => !string.IsNullOrWhiteSpace(w))
            .Select(w => w.Trim())
            .Select(w => (Text: w.TrimEnd('*', '＊'), Prefix: w.EndsWith('*') || w.EndsWith('＊')))
            .Select(w => new TermNode(w.Text, TextNormalizer.NormalizeKeyword(w.Text), w.Prefix, RuleScope.Anywhere, 0))
            .Where(t => t.Key.Length > 0),
    ];
}
