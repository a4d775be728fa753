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

    /// <summary>
    /// The nags of the deadline practice fold, and so does a worsening below 重大: a breaking story spreads to a new
    /// source every few seconds, and one notice each would take a flooded chat's whole minute for hours and hold up
    /// everything behind it (the summary still names each one). A worsening to 重大, and other news (reappearing), always
    /// goes on its own.
    /// </summary>
    public static ReminderNote? For(Incident incident, Reminder reminder)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(reminder);
        var folds = reminder.Kind is ReminderKind.HalfTime or ReminderKind.Final or ReminderKind.Overdue or ReminderKind.StillOverdue or ReminderKind.Progress
            || (reminder.Kind == ReminderKind.Worsened && incident.Grade < Grade.Major);
        return folds
            ? new ReminderNote { IncidentId = incident.Id, Kind = reminder.Kind, Grade = incident.Grade, Due = reminder.Due }
            : null;
    }
}
