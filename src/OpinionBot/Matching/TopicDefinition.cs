namespace OpinionBot.Matching;

/// <summary>A keyword topic as configured under <c>Topics</c>.</summary>
public sealed class TopicDefinition
{
    public string Name { get; set; } = "";

    /// <summary>Any of these matches (case-insensitive). The rule language extends this and keeps it working.</summary>
    public List<string> Keywords { get; set; } = [];
}
