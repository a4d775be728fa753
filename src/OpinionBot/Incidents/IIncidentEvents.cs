namespace OpinionBot.Incidents;

/// <summary>
/// What happened to incidents, told inside the same storage transaction as the change, so whatever the listener
/// writes (cards in the outbox) lands together with it or not at all.
/// </summary>
public interface IIncidentEvents
{
    void Opened(Incident incident);

    void Changed(Incident incident, AuditEntry entry);

    /// <summary>The incident moved up to <see cref="Incident.EscalationLevel"/>.</summary>
    void Escalated(Incident incident, AuditEntry entry);
}
