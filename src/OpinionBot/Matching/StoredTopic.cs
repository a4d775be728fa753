namespace OpinionBot.Matching;

/// <summary>A topic added or edited from the chat (overrides the configured one); <see cref="Definition"/> null removes it.</summary>
public sealed class StoredTopic
{
    public string Name { get; set; } = "";

    public TopicDefinition? Definition { get; set; }
    public long ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
