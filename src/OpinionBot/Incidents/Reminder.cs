namespace OpinionBot.Incidents;

/// <summary>Something the bot tells people about an incident without anyone acting.</summary>
public sealed record Reminder(ReminderKind Kind, DeadlineKind? Deadline = null, DateTimeOffset? Due = null, string? Detail = null);

public enum ReminderKind
{
    /// <summary>Half of the time to a deadline has passed.</summary>
    HalfTime,

    /// <summary>The deadline is close (15 minutes by default).</summary>
    Final,

    /// <summary>The deadline passed; the incident is overdue and escalated.</summary>
    Overdue,

    /// <summary>重大: the periodic progress report is due.</summary>
    Progress,

    /// <summary>A resolved incident appeared again during its watch period (再次出现).</summary>
    Reappeared,

    /// <summary>The story spread or its grade rose (舆情恶化).</summary>
    Worsened,
}
