namespace OpinionBot.Chat;

/// <summary>
/// An outbox message without its content (text, buttons, files): what the sender holds of each waiting message to
/// choose and order what goes next (<see cref="DeliveryOrder"/>, <see cref="ChatStorms"/>, digests, retries). A backlog
/// of tens of thousands then costs about a hundred bytes a message; the whole message is read when it is sent.
/// </summary>
public sealed class OutboxEntry
{
    public long Id { get; set; }
    public long ChatId { get; set; }
    public OutboxKind Kind { get; set; }

    /// <summary>For a card: the incident it shows (see <see cref="OutboxMessage.IncidentId"/>).</summary>
    public long? IncidentId { get; set; }

    /// <summary>Answer to the card of this incident in the same chat.</summary>
    public long? ReplyToCardOf { get; set; }

    /// <summary>Set on the first card of a newly opened incident: how urgent it is.</summary>
    public OpeningCard? Opening { get; set; }

    /// <summary>True on a card of an overdue incident escalated to this chat (see <see cref="OutboxMessage.Escalated"/>).</summary>
    public bool? Escalated { get; set; }

    /// <summary>Set on a deadline reminder, which a flooded chat gets in a summary (a few value fields, on reminders only).</summary>
    public ReminderNote? Reminder { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Not before this. Once held by the sender's queue, it changes only through <see cref="WaitingMessages.RetryAt"/>
    /// (when a call fails), which keeps the chat's latest retry time up to date.
    /// </summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public static OutboxEntry Of(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new OutboxEntry
        {
            Id = message.Id,
            ChatId = message.ChatId,
            Kind = message.Kind,
            IncidentId = message.IncidentId,
            ReplyToCardOf = message.ReplyToCardOf,
            Opening = message.Opening,
            Escalated = message.Escalated,
            Reminder = message.Reminder,
            CreatedAt = message.CreatedAt,
            NextAttemptAt = message.NextAttemptAt,
            DeliveredAt = message.DeliveredAt,
        };
    }
}
