namespace OpinionBot.Chat;

/// <summary>Where an incident's card was posted: one per incident and chat.</summary>
public sealed class CardPlacement
{
    /// <summary><c>{incidentId}:{chatId}</c></summary>
    public string Id { get; set; } = "";
    public long IncidentId { get; set; }
    public long ChatId { get; set; }
    public int MessageId { get; set; }

    /// <summary>The line above the card in this chat (why it came here, e.g. overdue); kept on every edit.</summary>
    public string? Heading { get; set; }

    public static string KeyOf(long incidentId, long chatId) => $"{incidentId}:{chatId}";
}
