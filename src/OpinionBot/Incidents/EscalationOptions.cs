namespace OpinionBot.Incidents;

/// <summary>The graded response and the escalation chain (section <c>Escalation</c>).</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>
    /// Incidents of this grade or higher go to the leadership group the moment they are opened or rise to it
    /// (分级响应: major items are reported at once). <c>Larger</c> brings 较大 items too.
    /// </summary>
    public Grade NotifyLeadershipFrom { get; set; } = Grade.Major;

    /// <summary>
    /// After a missed deadline: the next step up the chain, and at the top a repeated notice to the leadership group and
    /// the supervisors, this often until someone acts.
    /// </summary>
    public TimeSpan RepeatEvery { get; set; } = TimeSpan.FromHours(1);
}
