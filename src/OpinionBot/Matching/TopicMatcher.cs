using OpinionBot.Sources;

namespace OpinionBot.Matching;

/// <summary>Decides which topics an item belongs to.</summary>
public sealed class TopicMatcher
{
    private readonly IReadOnlyList<TopicDefinition> _topics;

    public TopicMatcher(IReadOnlyList<TopicDefinition> topics) => _topics = topics;

    public IReadOnlyList<TopicMatch> Match(SourceItem item)
    {
        var haystack = item.Title + "\n" + item.Text;
        var matches = new List<TopicMatch>();
        foreach (var topic in _topics)
        {
            var hits = topic.Keywords
                .Where(k => !string.IsNullOrWhiteSpace(k) && haystack.Contains(k.Trim(), StringComparison.OrdinalIgnoreCase))
                .Select(k => k.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (hits.Count > 0)
            {
                matches.Add(new TopicMatch(topic.Name, hits));
            }
        }

        return matches;
    }
}
