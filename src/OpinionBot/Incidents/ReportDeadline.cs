namespace OpinionBot.Incidents;

/// <summary>
/// The deadlines of one incident, derived from its discovery time, grade and negativity with the configured windows
/// (<see cref="DeadlineOptions"/>), so they are never held in memory timers: a restart recomputes the same instants
/// from what is stored. The card, the deadline watch, the ledger and the reports all judge deadlines here.
/// </summary>
public static class ReportDeadline
{
    /// <summary>When the report (上报) is due: discovery + 2 h / 3 h / 4 h by grade.</summary>
    public static DateTimeOffset ReportDue(Incident incident, DeadlineOptions options) =>
        incident.Discovered + options.ReportWithin(incident.Grade);

    /// <summary>When a negative item must have been claimed; null for other items.</summary>
    public static DateTimeOffset? ClaimDue(Incident incident, DeadlineOptions options) =>
        incident.Negative ? incident.Discovered + options.NegativeClaim : null;

    /// <summary>The deadline that matters now: claim for an unclaimed negative item, else report while unreported.</summary>
    public static (DeadlineKind Kind, DateTimeOffset Due)? Current(Incident incident, DeadlineOptions options)
    {
        if (!Lifecycle.IsOpen(incident.Status))
        {
            return null;
        }

        if (incident.Status == IncidentStatus.New && ClaimDue(incident, options) is { } claimDue && incident.ClaimedAt is null)
        {
            return (DeadlineKind.Claim, claimDue);
        }

        return incident.ReportedAt is null ? (DeadlineKind.Report, ReportDue(incident, options)) : null;
    }

    /// <summary>
    /// The report deadline as of <paramref name="now"/>; a false alarm never reported had no report to make.
    /// </summary>
    public static DeadlineState ReportState(Incident incident, DeadlineOptions options, DateTimeOffset now) =>
        incident.ReportedAt is null && incident.Status == IncidentStatus.FalseAlarm
            ? DeadlineState.NotApplicable
            : State(ReportDue(incident, options), incident.ReportedAt, now);

    /// <summary>The negative-claim deadline as of <paramref name="now"/>; not applicable to other items and unclaimed false alarms.</summary>
    public static DeadlineState ClaimState(Incident incident, DeadlineOptions options, DateTimeOffset now) =>
        ClaimDue(incident, options) is not { } due || (incident.ClaimedAt is null && incident.Status == IncidentStatus.FalseAlarm)
            ? DeadlineState.NotApplicable
            : State(due, incident.ClaimedAt, now);

    /// <summary>True when an incident open at <paramref name="now"/> had let a deadline pass without acting by then.</summary>
    public static bool IsOverdue(Incident incident, DeadlineOptions options, DateTimeOffset now) =>
        Lifecycle.WasOpenAt(incident, now) &&
        ((!(incident.ReportedAt <= now) && ReportState(incident, options, now) == DeadlineState.Missed) ||
         (!(incident.ClaimedAt <= now) && ClaimState(incident, options, now) == DeadlineState.Missed));

    /// <summary>Whether the report deadline was met (null while it is still running, or for a false alarm never reported).</summary>
    public static bool? ReportMet(Incident incident, DeadlineOptions options, DateTimeOffset now) =>
        Met(ReportState(incident, options, now));

    /// <summary>Whether the negative-claim deadline was met; null when it does not apply or is still running.</summary>
    public static bool? ClaimMet(Incident incident, DeadlineOptions options, DateTimeOffset now) =>
        Met(ClaimState(incident, options, now));

    // Judged as of "now": something done after now (a report for a past day) counts as not done yet.
    private static DeadlineState State(DateTimeOffset due, DateTimeOffset? doneAt, DateTimeOffset now) => doneAt switch
    {
        { } done when done <= now => done <= due ? DeadlineState.Met : DeadlineState.Missed,
        _ => now > due ? DeadlineState.Missed : DeadlineState.Pending,
    };

    private static bool? Met(DeadlineState state) => state switch
    {
        DeadlineState.Met => true,
        DeadlineState.Missed => false,
        _ => null,
    };
}

public enum DeadlineKind
{
    Claim,
    Report,
}

/// <summary>A deadline judged at one moment.</summary>
public enum DeadlineState
{
    /// <summary>No such deadline for this incident (not negative, or a false alarm nobody had to act on).</summary>
    NotApplicable = 0,

    /// <summary>Not done yet, and the deadline has not passed.</summary>
    Pending = 1,

    Met = 2,
    Missed = 3,
}
