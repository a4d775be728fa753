using OpinionBot.Incidents;

namespace OpinionBot.Chat;

/// <summary>
/// Marks an outbox message as a deadline reminder (or the escalation an overdue deadline caused), so a chat with more
/// of them waiting than anyone reads one by one gets them as one summary instead (see <see cref="ReminderDigests"/>).
/// </summary>
public sealed class ReminderNote
{
    public long IncidentId { get; set; }
    public ReminderKind Kind { get; set; }

    /// <summary>The incident's grade when reminded: a summary lists the most serious first without reading every incident.</summary>
    public Grade Grade { get; set; }

    /// <summary>The deadline the reminder is about, when it is about one.</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>Only the nags of the deadline practice fold; news (worsening, reappearing) always goes on its own.</summary>
    public static ReminderNote? For(Incident incident, Reminder reminder) =>
        reminder.Kind is ReminderKind.HalfTime or ReminderKind.Final or ReminderKind.Overdue or ReminderKind.StillOverdue or ReminderKind.Progress
            ? new ReminderNote { IncidentId = incident.Id, Kind = reminder.Kind, Grade = incident.Grade, Due = reminder.Due }
            : null;
}
