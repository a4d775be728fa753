using LiteDB;
using OpinionBot.Chat;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.People;
using OpinionBot.Reports;
using OpinionBot.Scheduling;
using OpinionBot.Sources;

namespace OpinionBot.Storage;

/// <summary>A kind of document: its table (collection) name and the fields it is queried by, which are indexed.</summary>
public sealed record TableDefinition(string Name, Type Type, IReadOnlyList<string> Indexes, IReadOnlyList<string> UniqueIndexes)
{
    public bool Indexed(string field) => field == "_id" || Indexes.Contains(field) || UniqueIndexes.Contains(field);
}

/// <summary>
/// The storage mapping, in one place: every table, its id and its indexes, and how values are written. Features keep
/// plain classes; nothing outside <c>Storage/</c> knows about documents.
/// </summary>
public static class Tables
{
    public static readonly TableDefinition Incidents = Define<Incident>(
        "incidents", ["Status", "Discovered", "ReportedAt", "Overdue", "AssigneeId", "Department", "Grade", "StorySeq"], unique: ["Number"]);
    public static readonly TableDefinition UnclosedIncidents = Define<Stores.UnclosedIncident>("unclosed_incidents");
    public static readonly TableDefinition SeenItems = Define<SeenItem>("seen_items");
    public static readonly TableDefinition Outbox = Define<OutboxMessage>("outbox", ["DeliveredAt"]);
    public static readonly TableDefinition Cards = Define<CardPlacement>("cards", ["IncidentId", "ChatId", "MessageId"]);
    public static readonly TableDefinition Counters = Define<Counter>("counters");
    public static readonly TableDefinition People = Define<Person>("people");
    public static readonly TableDefinition SourceHealth = Define<SourceHealth>("source_health");
    public static readonly TableDefinition FetchValidators = Define<StoredValidators>("fetch_validators");
    public static readonly TableDefinition HeightenedPeriods = Define<HeightenedPeriod>("heightened_periods");
    public static readonly TableDefinition WatchedStories = Define<WatchedStory>("watched_stories", ["Expires"]);
    public static readonly TableDefinition Evidence = Define<EvidenceRecord>("evidence", ["IncidentNumber"]);
    public static readonly TableDefinition Members = Define<TeamMember>("members", ["Role"]);
    public static readonly TableDefinition ChatSettings = Define<ChatSetting>("chat_settings");
    public static readonly TableDefinition DutyShifts = Define<DutyShift>("duty_shifts", ["End"]);
    public static readonly TableDefinition DutyRotations = Define<DutyRotation>("duty_rotations");
    public static readonly TableDefinition StoredSources = Define<StoredSource>("catalog_sources");
    public static readonly TableDefinition StoredTopics = Define<StoredTopic>("catalog_topics");
    public static readonly TableDefinition LostChats = Define<LostChat>("lost_chats");
    public static readonly TableDefinition ChatMoves = Define<ChatMove>("chat_moves");
    public static readonly TableDefinition Digests = Define<DigestRecord>("digests", ["CreatedAt"]);

    /// <summary>Every table, for creating them, migrating between providers and checking the mapping.</summary>
    public static readonly IReadOnlyList<TableDefinition> All =
    [
        Incidents, UnclosedIncidents, SeenItems, Outbox, Cards, Counters, People, SourceHealth, FetchValidators, HeightenedPeriods,
        WatchedStories, Evidence, Members, ChatSettings, DutyShifts, DutyRotations, StoredSources, StoredTopics,
        LostChats, ChatMoves, Digests,
    ];

    /// <summary>How documents are written, shared by both providers so a document reads back the same everywhere.</summary>
    public static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper();
        // Ticks keep full precision and need no time-zone guessing when read back.
        mapper.RegisterType<DateTimeOffset>(
            value => new BsonValue(value.UtcTicks),
            bson => new DateTimeOffset(bson.AsInt64, TimeSpan.Zero));
        mapper.EnumAsInteger = false;
        // LiteDB turns "" into null and trims strings by default; the model relies on neither.
        mapper.EmptyStringToNull = false;
        mapper.TrimWhitespace = false;
        // Ids that are not called Id.
        mapper.Entity<SourceHealth>().Id(x => x.Source, autoId: false);
        mapper.Entity<StoredSource>().Id(x => x.Name, autoId: false);
        mapper.Entity<StoredTopic>().Id(x => x.Name, autoId: false);
        mapper.Entity<StoredValidators>().Id(x => x.Url, autoId: false);
        return mapper;
    }

    private static TableDefinition Define<T>(string name, string[]? indexes = null, string[]? unique = null) =>
        new(name, typeof(T), indexes ?? [], unique ?? []);
}

/// <summary>A named sequence or stored number (last update id, incident numbers).</summary>
public sealed class Counter
{
    public string Id { get; set; } = "";
    public long Value { get; set; }
}
