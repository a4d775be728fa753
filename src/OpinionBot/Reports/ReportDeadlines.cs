using OpinionBot.Incidents;

namespace OpinionBot.Reports;

public enum DeadlineState
{
    /// <summary>No such deadline for this incident (not negative, or a false alarm nobody had to act on).</summary>
    NotApplicable = 0,

    /// <summary>Not done yet, and the deadline has not passed.</summary>
    Pending = 1,

    Met = 2,
    Missed = 3,
}

/// <summary>
/// The practice's deadlines, counted from discovery [001]: report 重大 within 2 h, 较大 within 3 h, 一般 within 4 h;
/// a negative item is claimed (notified) within 1 h. Pure: the caller supplies "now".
/// </summary>
public static class ReportDeadlines
{
    public static readonly TimeSpan ClaimWindow = TimeSpan.FromHours(1);

    public static TimeSpan ReportWindow(Grade grade) => grade switch
    {
        Grade.Major => TimeSpan.FromHours(2),
        Grade.Larger => TimeSpan.FromHours(3),
        _ => TimeSpan.FromHours(4),
    };

    public static DateTimeOffset ReportDue(Incident incident) => incident.Discovered + ReportWindow(incident.Grade);

    public static DateTimeOffset? ClaimDue(Incident incident) =>
        incident.Negative ? incident.Discovered + ClaimWindow : null;

    public static DeadlineState Report(Incident incident, DateTimeOffset now) =>
        incident.ReportedAt is null && incident.Status == IncidentStatus.FalseAlarm
            ? DeadlineState.NotApplicable
            : State(ReportDue(incident), incident.ReportedAt, now);

    public static DeadlineState Claim(Incident incident, DateTimeOffset now) =>
        ClaimDue(incident) is not { } due || (incident.ClaimedAt is null && incident.Status == IncidentStatus.FalseAlarm)
            ? DeadlineState.NotApplicable
            : State(due, incident.ClaimedAt, now);

    /// <summary>True when an open incident has let a deadline pass without acting.</summary>
    public static bool IsOverdue(Incident incident, DateTimeOffset now) =>
        incident.WasOpenAt(now) &&
        ((!(incident.ReportedAt <= now) && Report(incident, now) == DeadlineState.Missed) ||
         (!(incident.ClaimedAt <= now) && Claim(incident, now) == DeadlineState.Missed));

    // Judged as of "now": something done after now (a report for a past day) counts as not done yet.
    private static DeadlineState State(DateTimeOffset due, DateTimeOffset? doneAt, DateTimeOffset now) => doneAt switch
    {
        { } done when done <= now => done <= due ? DeadlineState.Met : DeadlineState.Missed,
        _ => now > due ? DeadlineState.Missed : DeadlineState.Pending,
    };
}
