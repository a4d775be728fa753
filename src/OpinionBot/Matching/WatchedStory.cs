namespace OpinionBot.Matching;

/// <summary>A stored focused-monitoring watch: an incident's key terms, matched until <see cref="Expires"/>.</summary>
public sealed class WatchedStory
{
    /// <summary>The incident id: one watch per incident.</summary>
    public long Id { get; set; }

    public string IncidentNumber { get; set; } = "";
    public List<string> Terms { get; set; } = [];
    public int MinHits { get; set; } = 2;
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset Expires { get; set; }
}
