namespace OpinionBot.Incidents;

/// <summary>What a person (or the bot itself) can do to an incident.</summary>
public enum IncidentAction
{
    Claim,
    Report,
    Assign,
    Escalate,
    Resolve,
    Close,
    FalseAlarm,
    SendBack,
    Reopen,
}
