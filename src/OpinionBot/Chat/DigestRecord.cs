namespace OpinionBot.Chat;

/// <summary>A digest card sent to a chat in a storm: which incidents it lists, in the order shown, and which came escalated.</summary>
public sealed class DigestRecord
{
    public long Id { get; set; }
    public long ChatId { get; set; }
    public List<long> IncidentIds { get; set; } = [];

    /// <summary>
    /// Those of them that came as escalations of overdue incidents (<see cref="OutboxMessage.Escalated"/>), not as new
    /// ones; empty in digests made before it was kept.
    /// </summary>
    public List<long> EscalatedIds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
