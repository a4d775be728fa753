namespace OpinionBot.Incidents;

public enum ActionOutcome
{
    Done,
    UnknownIncident,
    Stale,
    NotAllowed,
    Forbidden,
    Unchanged,

    /// <summary>The action needs a reason (send back) and none was given.</summary>
    ReasonRequired,
}

/// <summary>What <see cref="IncidentService.Apply"/> did; the incident is null when it does not exist.</summary>
public sealed record ActionResult(ActionOutcome Outcome, Incident? Incident)
{
    public bool Succeeded => Outcome == ActionOutcome.Done;
}
