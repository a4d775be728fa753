using OpinionBot.Incidents;

namespace OpinionBot.Matching;

/// <summary>A topic that an item matched, and the words that made it match.</summary>
/// <param name="Grade">The topic's default grade.</param>
/// <param name="Department">The topic's department, if any.</param>
/// <param name="WatchedIncidentId">Set when the match comes from a focused-monitoring watch of that incident.</param>
public sealed record TopicMatch(
    string Topic,
    IReadOnlyList<string> Keywords,
    Grade Grade = Grade.General,
    string? Department = null,
    long? WatchedIncidentId = null);

/// <summary>Temporary keywords of one incident under focused monitoring (重点监控).</summary>
/// <param name="MinHits">How many of the terms must appear; capped at the number of terms.</param>
public sealed record WatchTopic(string Name, long IncidentId, IReadOnlyList<string> Terms, int MinHits = 2);
