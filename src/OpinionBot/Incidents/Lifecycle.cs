namespace OpinionBot.Incidents;

/// <summary>
/// The lifecycle as a table a reader can check: state × action → state. An action missing from a row is not allowed
/// in that state. Escalate and Assign keep or advance the state; they never move it back.
/// </summary>
public static class Lifecycle
{
    private static readonly Dictionary<(IncidentStatus, IncidentAction), IncidentStatus> Table = new()
    {
        // 新发现 New
        [(IncidentStatus.New, IncidentAction.Claim)] = IncidentStatus.Claimed,
        [(IncidentStatus.New, IncidentAction.Assign)] = IncidentStatus.Claimed,
        [(IncidentStatus.New, IncidentAction.Escalate)] = IncidentStatus.New,
        [(IncidentStatus.New, IncidentAction.Resolve)] = IncidentStatus.Resolved,
        [(IncidentStatus.New, IncidentAction.FalseAlarm)] = IncidentStatus.FalseAlarm,

        // 核实中 Claimed
        [(IncidentStatus.Claimed, IncidentAction.Report)] = IncidentStatus.Reported,
        [(IncidentStatus.Claimed, IncidentAction.Assign)] = IncidentStatus.Claimed,
        [(IncidentStatus.Claimed, IncidentAction.Escalate)] = IncidentStatus.Claimed,
        [(IncidentStatus.Claimed, IncidentAction.Resolve)] = IncidentStatus.Resolved,
        [(IncidentStatus.Claimed, IncidentAction.FalseAlarm)] = IncidentStatus.FalseAlarm,
        [(IncidentStatus.Claimed, IncidentAction.SendBack)] = IncidentStatus.New,

        // 已上报 Reported
        [(IncidentStatus.Reported, IncidentAction.Assign)] = IncidentStatus.Handling,
        [(IncidentStatus.Reported, IncidentAction.Escalate)] = IncidentStatus.Reported,
        [(IncidentStatus.Reported, IncidentAction.Resolve)] = IncidentStatus.Resolved,

        // 处置中 Handling
        [(IncidentStatus.Handling, IncidentAction.Assign)] = IncidentStatus.Handling,
        [(IncidentStatus.Handling, IncidentAction.Escalate)] = IncidentStatus.Handling,
        [(IncidentStatus.Handling, IncidentAction.Resolve)] = IncidentStatus.Resolved,
        [(IncidentStatus.Handling, IncidentAction.SendBack)] = IncidentStatus.Reported,

        // 已处置 Resolved
        [(IncidentStatus.Resolved, IncidentAction.Close)] = IncidentStatus.Closed,
        [(IncidentStatus.Resolved, IncidentAction.Reopen)] = IncidentStatus.Handling,

        // 已平息 Closed
        [(IncidentStatus.Closed, IncidentAction.Reopen)] = IncidentStatus.Handling,

        // 误报 False alarm: only reopened by a person who finds it was real after all.
        [(IncidentStatus.FalseAlarm, IncidentAction.Reopen)] = IncidentStatus.Claimed,
    };

    public static bool TryNext(IncidentStatus from, IncidentAction action, out IncidentStatus to) =>
        Table.TryGetValue((from, action), out to);

    public static bool Allows(IncidentStatus from, IncidentAction action) => Table.ContainsKey((from, action));

    /// <summary>The actions allowed in a state, in the table's order.</summary>
    public static IReadOnlyList<IncidentAction> ActionsFrom(IncidentStatus from) =>
        Table.Keys.Where(k => k.Item1 == from).Select(k => k.Item2).ToList();

    /// <summary>Still needs someone: not resolved, closed or dismissed as a false alarm.</summary>
    public static bool IsOpen(IncidentStatus status) =>
        status is not (IncidentStatus.Resolved or IncidentStatus.Closed or IncidentStatus.FalseAlarm);

    /// <summary>
    /// Open at <paramref name="instant"/>: discovered by then and not yet resolved or closed then. Lets a report for a
    /// past day show what was open on that day rather than today.
    /// </summary>
    public static bool WasOpenAt(Incident incident, DateTimeOffset instant) =>
        incident.Discovered <= instant &&
        (IsOpen(incident.Status) || (incident.Status != IncidentStatus.FalseAlarm && (incident.ResolvedAt ?? incident.ClosedAt) > instant));
}
