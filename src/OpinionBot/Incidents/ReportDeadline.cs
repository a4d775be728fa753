namespace OpinionBot.Incidents;

/// <summary>
/// The deadlines of one incident, derived from its discovery time, grade and negativity, so they are never held in
/// memory timers: a restart recomputes the same instants from what is stored.
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

    /// <summary>Whether the report deadline was met (null while it is still open and not yet due).</summary>
    public static bool? ReportMet(Incident incident, DeadlineOptions options, DateTimeOffset now)
    {
        var due = ReportDue(incident, options);
        return incident.ReportedAt is { } reported ? reported <= due : now > due ? false : null;
    }

    /// <summary>Whether the negative-claim deadline was met; null when it does not apply or is still running.</summary>
    public static bool? ClaimMet(Incident incident, DeadlineOptions options, DateTimeOffset now) =>
        ClaimDue(incident, options) is not { } due ? null
        : incident.ClaimedAt is { } claimed ? claimed <= due
        : now > due ? false : null;
}

public enum DeadlineKind
{
    Claim,
    Report,
}
