namespace OpinionBot.Incidents;

/// <summary>
/// 舆情事件: one story, made of one or more appearances across sources, numbered <c>YYYY-NNNN</c>.
/// A plain stored document; the rules that change it live in <see cref="IncidentService"/>.
/// </summary>
public sealed class Incident
{
    public long Id { get; set; }

    /// <summary>Human number, e.g. <c>2026-0042</c>.</summary>
    public string Number { get; set; } = "";

    public string Title { get; set; } = "";
    public string Url { get; set; } = "";
    public string SourceName { get; set; } = "";

    public List<string> Topics { get; set; } = [];
    public List<string> Keywords { get; set; } = [];

    public DateTimeOffset? Published { get; set; }
    public DateTimeOffset Discovered { get; set; }

    public IncidentStatus Status { get; set; } = IncidentStatus.New;
    public Grade Grade { get; set; } = Grade.General;

    /// <summary>Why the grade is what it is, e.g. "负面 + 3 个来源 2 小时内".</summary>
    public string GradeReason { get; set; } = "";

    public bool Negative { get; set; }
    public double NegativeScore { get; set; }
    public List<string> NegativeWords { get; set; } = [];

    /// <summary>Rebuttal words of its appearances (辟谣, 不属实), shown on the card.</summary>
    public List<string> Rebuttals { get; set; } = [];

    public string? Department { get; set; }
    public long? AssigneeId { get; set; }

    /// <summary>0 team, 1 department lead, 2 leadership group.</summary>
    public int EscalationLevel { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? ReportedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public HandlingOutcome? Outcome { get; set; }

    /// <summary>Reminders and deadline steps already taken (e.g. <c>report-half</c>), so none is sent twice.</summary>
    public List<string> DeadlineSteps { get; set; } = [];

    /// <summary>A deadline was missed.</summary>
    public bool Overdue { get; set; }

    /// <summary>After Resolve: new appearances until then re-notify the owner; a quiet incident closes then.</summary>
    public DateTimeOffset? WatchUntil { get; set; }

    /// <summary>Cluster mode only: the story sequence number of its latest appearance (indexed: other nodes catch up by it).</summary>
    public long StorySeq { get; set; }

    /// <summary>Reminders for this incident are silenced until then (<c>/mute</c>).</summary>
    public DateTimeOffset? MutedUntil { get; set; }

    /// <summary>Every place the story was seen; the first publisher is the earliest published one.</summary>
    public List<Appearance> Appearances { get; set; } = [];

    public List<IncidentNote> Notes { get; set; } = [];
    public List<AuditEntry> Audit { get; set; } = [];

    /// <summary>When each reminder step was taken (<c>report-half</c> at 10:00 …), for <c>/history</c>.</summary>
    public List<ReminderLogEntry> ReminderLog { get; set; } = [];

    /// <summary>Bumped on every change; buttons carry it so a press on a stale card is refused.</summary>
    public int Version { get; set; }
}

/// <summary>One place the story appeared.</summary>
public sealed class Appearance
{
    public string Url { get; set; } = "";
    public string Title { get; set; } = "";
    public string SourceName { get; set; } = "";
    public DateTimeOffset? Published { get; set; }
    public DateTimeOffset Discovered { get; set; }

    /// <summary>The story fingerprint (MinHash) of this appearance, so the story index can be rebuilt on start.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>The source's importance and the engagement the page showed, for regrading as the story spreads.</summary>
    public double Weight { get; set; } = 1;
    public int? Replies { get; set; }
    public int? Views { get; set; }

    /// <summary>
    /// Cluster mode only: the node that added it and its number in the story sequence, so the other nodes' story
    /// indexes learn it (see <see cref="StoryMemory.CatchUp"/>).
    /// </summary>
    public string? Node { get; set; }

    public long? StorySeq { get; set; }
}

public sealed class IncidentNote
{
    public DateTimeOffset At { get; set; }
    public long ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>One line of the audit trail: who did what, when, and the state before and after.</summary>
public sealed class AuditEntry
{
    public DateTimeOffset At { get; set; }
    public long ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public IncidentStatus From { get; set; }
    public IncidentStatus To { get; set; }
    public string? Comment { get; set; }

    /// <summary>The link of the item an entry is about, e.g. an appearance merged into the incident.</summary>
    public string? Link { get; set; }

    /// <summary>Assign: the person it went to (the actor is who assigned it).</summary>
    public long? AssigneeId { get; set; }

    /// <summary>Assign to a department, or a contact sheet (抄告单) sent to one.</summary>
    public string? Department { get; set; }

    /// <summary>Escalate: the level reached (1 department lead, 2 leadership group).</summary>
    public int? Level { get; set; }

    /// <summary>Resolve: the handling outcome chosen.</summary>
    public HandlingOutcome? Outcome { get; set; }
}

/// <summary>A deadline step (reminder, overdue, progress) and when the bot took it.</summary>
public sealed class ReminderLogEntry
{
    public DateTimeOffset At { get; set; }
    public string Step { get; set; } = "";
}
