namespace OpinionBot.Matching;

/// <summary>A topic that an item matched, and the words that made it match.</summary>
public sealed record TopicMatch(string Topic, IReadOnlyList<string> Keywords);
