using OpinionBot.Matching;
using OpinionBot.Sources;

namespace OpinionBot.Incidents;

/// <summary>An item that matched at least one topic, ready to become (part of) an incident.</summary>
public sealed record NewAppearance(SourceItem Item, string SourceName, IReadOnlyList<TopicMatch> Matches, DateTimeOffset Discovered);
