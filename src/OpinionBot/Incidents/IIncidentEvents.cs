namespace OpinionBot.Incidents;

/// <summary>
/// What happened to incidents, told inside the same storage transaction as the change, so whatever the listener
/// writes (cards in the outbox) lands together with it or not at all.
/// </summary>
public interface IIncidentEvents
{
    void Opened(Incident incident);

    void Changed(Incident incident, AuditEntry entry);

    /// <summary>The incident moved up to <see cref="Incident.EscalationLevel"/>; the entry's comment says why.</summary>
    void Escalated(Incident incident, AuditEntry entry);

    /// <summary>A reminder, a deadline step or a flare-up people must hear about.</summary>
    void Reminded(Incident incident, Reminder reminder);
}
