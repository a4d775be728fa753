namespace OpinionBot.Incidents;

/// <summary>What a person may do. Higher values include everything below them.</summary>
public enum Role
{
    Stranger = 0,

    /// <summary>A department member (网评员): claims, reports, notes, sends back items of their department.</summary>
    Member = 1,

    /// <summary>A monitor or on-duty officer (监测员/值班人员): also assigns, escalates, resolves.</summary>
    Officer = 2,

    /// <summary>分管领导/办公室主任: everything, including close, reopen and changing grades.</summary>
    Supervisor = 3,
}

/// <summary>Who may do what, as a table a reader can check.</summary>
public static class Permissions
{
    private static readonly Dictionary<IncidentAction, Role> Minimum = new()
    {
        [IncidentAction.Claim] = Role.Member,
        [IncidentAction.Report] = Role.Member,
        [IncidentAction.SendBack] = Role.Member,
        [IncidentAction.Assign] = Role.Officer,
        [IncidentAction.Escalate] = Role.Officer,
        [IncidentAction.Resolve] = Role.Officer,
        [IncidentAction.FalseAlarm] = Role.Officer,
        [IncidentAction.Close] = Role.Supervisor,
        [IncidentAction.Reopen] = Role.Supervisor,
    };

    /// <summary>Changing an incident's grade (研判 after verification), in either direction.</summary>
    public const Role ChangeGrade = Role.Supervisor;

    /// <summary>Silencing one incident's reminders for a while.</summary>
    public const Role Mute = Role.Officer;

    public static Role MinimumFor(IncidentAction action) => Minimum[action];

    /// <summary>
    /// The minimum in a given state: reopening a false alarm is an officer's call (they dismissed it and find it real
    /// after all); reopening a resolved or closed incident stays with the supervisors.
    /// </summary>
    public static Role MinimumFor(IncidentAction action, IncidentStatus from) =>
        action == IncidentAction.Reopen && from == IncidentStatus.FalseAlarm ? Role.Officer : Minimum[action];

    public static bool Allows(Role role, IncidentAction action) => role >= Minimum[action];

    public static bool Allows(Role role, IncidentAction action, IncidentStatus from) => role >= MinimumFor(action, from);
}
