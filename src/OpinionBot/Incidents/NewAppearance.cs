using OpinionBot.Matching;
using OpinionBot.Sources;

namespace OpinionBot.Incidents;

/// <summary>An item that matched at least one topic, judged and ready to become (part of) an incident.</summary>
public sealed record NewAppearance(SourceItem Item, string SourceName, IReadOnlyList<TopicMatch> Matches, DateTimeOffset Discovered)
{
    public string? Department { get; init; }
    public Grade Grade { get; init; } = Grade.General;
    public string GradeReason { get; init; } = "";
    public bool Negative { get; init; }
    public double NegativeScore { get; init; }
    public IReadOnlyList<string> NegativeWords { get; init; } = [];

    /// <summary>Rebuttal words (辟谣, 不属实): the item denies a rumour; the card shows it as 辟谣.</summary>
    public IReadOnlyList<string> Rebuttals { get; init; } = [];
    public string? Fingerprint { get; init; }
    public double Weight { get; init; } = 1;

    /// <summary>Cluster mode only: the node judging it and its story sequence number (see <see cref="StoryMemory.Stamp"/>).</summary>
    public string? Node { get; init; }

    public long? StorySeq { get; init; }
}
