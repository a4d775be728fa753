namespace OpinionBot.Incidents;

/// <summary>Something the bot tells people about an incident without anyone acting.</summary>
/// <param name="EscalatedTo">The level this step escalated the incident to; null when it escalated nothing, so the
/// notice never claims an escalation that did not happen.</param>
/// <param name="Round">For <see cref="ReminderKind.StillOverdue"/>: how many repeat periods have passed since the deadline.</param>
public sealed record Reminder(ReminderKind Kind, DeadlineKind? Deadline = null, DateTimeOffset? Due = null, string? Detail = null,
    int? EscalatedTo = null, int Round = 0);

public enum ReminderKind
{
    /// <summary>Half of the time to a deadline has passed.</summary>
    HalfTime,

    /// <summary>The deadline is close (15 minutes by default).</summary>
    Final,

    /// <summary>The deadline passed; the incident is overdue (and escalated when there was a level above).</summary>
    Overdue,

    /// <summary>重大: the periodic progress report is due.</summary>
    Progress,

    /// <summary>A resolved incident appeared again during its watch period (再次出现).</summary>
    Reappeared,

    /// <summary>The story spread or its grade rose (舆情恶化).</summary>
    Worsened,

    /// <summary>Still overdue at the top of the chain: repeated to the leadership group and the supervisors until someone acts.</summary>
    StillOverdue,
}
