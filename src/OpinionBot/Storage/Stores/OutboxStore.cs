using OpinionBot.Chat;

namespace OpinionBot.Storage.Stores;

internal sealed class OutboxStore(IDocumentTable<OutboxMessage> messages, Action noteChange) : IOutboxStore
{
    private const string Delivered = nameof(OutboxMessage.DeliveredAt);

    public void Enqueue(OutboxMessage message)
    {
        messages.Insert(message);
        noteChange();
    }

    public void Save(OutboxMessage message) => messages.Update(message);

    public OutboxMessage? Get(long id) => messages.Get(id);

    // Not delivered: DeliveredAt is null, which its index holds like any other value.
    public IReadOnlyList<OutboxMessage> Waiting() => [.. messages.Where(Delivered, null).OrderBy(m => m.Id)];

    public int WaitingCount() => messages.Count(Delivered, null);

    public IReadOnlyList<OutboxMessage> QueuedAfter(long id) => messages.Range("_id", id + 1, until: null);

    public IReadOnlyList<OutboxEntry> WaitingEntries() => [.. messages.Where<OutboxEntry>(Delivered, null).OrderBy(m => m.Id)];

    public IReadOnlyList<OutboxEntry> EntriesQueuedAfter(long id) => messages.Range<OutboxEntry>("_id", id + 1, until: null);

    public long LastId() => messages.Range("_id", from: null, until: null, limit: 1, descending: true) is [var last] ? last.Id : 0;

    // An explicit lower end: an open one would also take the waiting messages (null sorts first).
    public IReadOnlyList<OutboxMessage> DeliveredAfter(DateTimeOffset after) =>
        messages.Range(Delivered, after.AddTicks(1), until: null);

    public IReadOnlyList<OutboxMessage> ForgetDeliveredBefore(DateTimeOffset before)
    {
        var old = messages.Range(Delivered, DateTimeOffset.MinValue, before);
        foreach (var message in old)
        {
            messages.Delete(message.Id);
        }

        return old;
    }
}
