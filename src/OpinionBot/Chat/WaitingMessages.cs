using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>
/// The waiting outbox, per chat, held by the sender between wake-ups. Each look reads only the messages added since the
/// last one (by id, on the primary index) instead of the whole backlog; only the sender changes waiting messages, so
/// what it holds stays true. A restart reads the waiting ones once, on the DeliveredAt index. It holds each message as an
/// <see cref="OutboxEntry"/>, without its text, buttons or files: the sender reads the message itself when it sends it.
/// </summary>
public sealed class WaitingMessages
{
    private readonly Dictionary<long, List<OutboxEntry>> _chats = [];
    private long _lastId = -1;

    // After a Reset, messages up to this id were already reported as new once: read again, they are not new.
    private long _reportedThrough = -1;

    /// <summary>Chats with waiting messages.</summary>
    public IReadOnlyList<long> Chats => _chats.Keys.ToList();

    public int Count => _chats.Values.Sum(c => c.Count);

    /// <summary>Reads what was queued since the last look; returns the new messages.</summary>
    public IReadOnlyList<OutboxEntry> Refresh(OpinionDatabase db)
    {
        var fresh = db.Read(s =>
        {
            if (_lastId >= 0)
            {
                return s.Outbox.EntriesQueuedAfter(_lastId);
            }

            _lastId = s.Outbox.LastId();
            return s.Outbox.WaitingEntries();
        });

        var added = new List<OutboxEntry>();
        foreach (var message in fresh.OrderBy(m => m.Id))
        {
            _lastId = Math.Max(_lastId, message.Id);
            if (message.DeliveredAt is not null)
            {
                continue;
            }

            if (!_chats.TryGetValue(message.ChatId, out var chat))
            {
                _chats[message.ChatId] = chat = [];
            }

            chat.Add(message);
            if (message.Id > _reportedThrough)
            {
                added.Add(message);
            }
        }

        return added;
    }

    /// <summary>
    /// Forgets what it holds, so the next look reads every waiting message again: for the rare changes made outside the
    /// sender's own objects (a lost chat's messages rerouted, a migrated group's messages moved).
    /// </summary>
    public void Reset()
    {
        _reportedThrough = Math.Max(_reportedThrough, _lastId);
        _chats.Clear();
        _lastId = -1;
    }

    /// <summary>One chat's waiting messages, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> Of(long chatId) => _chats.TryGetValue(chatId, out var chat) ? chat : [];

    /// <summary>Removes many at once (a digest's folded messages): one pass per chat, not one per message.</summary>
    public void Remove(IReadOnlyCollection<OutboxEntry> messages)
    {
        foreach (var chat in messages.GroupBy(m => m.ChatId))
        {
            var ids = chat.Select(m => m.Id).ToHashSet();
            if (_chats.TryGetValue(chat.Key, out var waiting) && waiting.RemoveAll(m => ids.Contains(m.Id)) > 0 && waiting.Count == 0)
            {
                _chats.Remove(chat.Key);
            }
        }
    }

    public void Remove(OutboxEntry message)
    {
        if (_chats.TryGetValue(message.ChatId, out var chat))
        {
            chat.RemoveAll(m => m.Id == message.Id);
            if (chat.Count == 0)
            {
                _chats.Remove(message.ChatId);
            }
        }
    }
}
