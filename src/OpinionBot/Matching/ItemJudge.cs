using OpinionBot.Incidents;
using OpinionBot.Sources;

namespace OpinionBot.Matching;

/// <summary>What judgement found in one item, before it is assigned to a story and graded with its spread.</summary>
/// <param name="TopicGrade">The highest default grade among the matched topics.</param>
/// <param name="Department">The department of the first matched topic that names one.</param>
/// <param name="WatchedIncidentId">When a focused-monitoring watch matched: the incident it watches.</param>
public sealed record ItemJudgement(
    IReadOnlyList<TopicMatch> Topics,
    SentimentResult Sentiment,
    StoryFingerprint Fingerprint,
    Grade TopicGrade,
    string? Department,
    long? WatchedIncidentId)
{
    /// <summary>Every matched keyword once, for the card.</summary>
    public IReadOnlyList<string> Keywords => [.. Topics.SelectMany(t => t.Keywords).Distinct(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>Matches topics, scores sentiment and fingerprints the story of one item: the 研判 step up to grading.</summary>
public sealed class ItemJudge(TopicMatcher matcher, SentimentAnalyzer sentiment)
{
    /// <summary>Null when the item matches no topic and no watch: it is not an opinion item.</summary>
    public ItemJudgement? Judge(SourceItem item)
    {
        var topics = matcher.Match(item);
        if (topics.Count == 0)
        {
            return null;
        }

        return new ItemJudgement(
            topics,
            sentiment.Analyze(item),
            StoryFingerprint.Of(item.Title, item.Text),
            topics.Max(t => t.Grade),
            topics.FirstOrDefault(t => t.Department is not null)?.Department,
            topics.FirstOrDefault(t => t.WatchedIncidentId is not null)?.WatchedIncidentId);
    }
}
