namespace OpinionBot.Chat;

/// <summary>A digest card sent to a chat in a storm: which incidents it lists, in the order shown.</summary>
public sealed class DigestRecord
{
    public long Id { get; set; }
    public long ChatId { get; set; }
    public List<long> IncidentIds { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
