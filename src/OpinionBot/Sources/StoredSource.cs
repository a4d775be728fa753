namespace OpinionBot.Sources;

/// <summary>
/// A source added, edited, paused or removed from the chat. It overrides the configured source of the same name;
/// <see cref="Definition"/> null is a tombstone (a configured source removed from the chat).
/// </summary>
public sealed class StoredSource
{
    public string Name { get; set; } = "";

    public SourceDefinition? Definition { get; set; }
    public long ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
