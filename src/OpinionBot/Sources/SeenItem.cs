namespace OpinionBot.Sources;

/// <summary>Remembers that an item was processed, so it is never processed twice (keyed by canonical URL).</summary>
public sealed class SeenItem
{
    public string Id { get; set; } = "";
    public string SourceName { get; set; } = "";
    public DateTimeOffset FirstSeen { get; set; }
}
