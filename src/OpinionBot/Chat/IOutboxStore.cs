namespace OpinionBot.Chat;

/// <summary>
/// The stored outbox: messages waiting for Telegram and, for a week, the delivered ones. Reads go by id or by delivery
/// time (both indexed), never through the delivered history as a whole.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Queues a message (its id is given here); the sender wakes once the transaction commits.</summary>
    void Enqueue(OutboxMessage message);

    /// <summary>Stores what happened to a queued message: an attempt, its delivery, a reroute.</summary>
    void Save(OutboxMessage message);

    OutboxMessage? Get(long id);

    /// <summary>Every message not yet delivered nor given up, oldest first.</summary>
    IReadOnlyList<OutboxMessage> Waiting();

    int WaitingCount();

    /// <summary>Messages queued after the one with <paramref name="id"/>, delivered or not, oldest first.</summary>
    IReadOnlyList<OutboxMessage> QueuedAfter(long id);

    /// <summary>
    /// <see cref="Waiting"/> without the messages' content (text, buttons, files): what the sender holds of a backlog.
    /// </summary>
    IReadOnlyList<OutboxEntry> WaitingEntries();

    /// <summary><see cref="QueuedAfter"/> without the messages' content.</summary>
    IReadOnlyList<OutboxEntry> EntriesQueuedAfter(long id);

    /// <summary>The id of the last message queued; 0 when there is none.</summary>
    long LastId();

    /// <summary>Messages delivered or given up after <paramref name="after"/>, in that order.</summary>
    IReadOnlyList<OutboxMessage> DeliveredAfter(DateTimeOffset after);

    /// <summary>Forgets messages delivered or given up before <paramref name="before"/>; returns them (their files are the caller's).</summary>
    IReadOnlyList<OutboxMessage> ForgetDeliveredBefore(DateTimeOffset before);
}
