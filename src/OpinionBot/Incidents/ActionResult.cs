namespace OpinionBot.Incidents;

public enum ActionOutcome
{
    Done,
    UnknownIncident,
    Stale,
    NotAllowed,
    Forbidden,
    Unchanged,
}

/// <summary>What <see cref="IncidentService.Apply"/> did; the incident is null when it does not exist.</summary>
public sealed record ActionResult(ActionOutcome Outcome, Incident? Incident)
{
    public bool Succeeded => Outcome == ActionOutcome.Done;
}
