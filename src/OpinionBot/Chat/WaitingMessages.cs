using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>
/// The waiting outbox, per chat, held by the sender between wake-ups. Each look reads only the messages added since the
/// last one (by id, on the primary index) instead of the whole backlog; only the sender changes waiting messages, so
/// what it holds stays true. A restart reads the waiting ones once, on the DeliveredAt index. It holds each message as an
/// <see cref="OutboxEntry"/>, without its text, buttons or files: the sender reads the message itself when it sends it.
/// Per chat it keeps the figures the sender reads before every message it sends (<see cref="BlockedUntil"/>,
/// <see cref="NewCards"/>, <see cref="Reminders"/>) up to date as messages come and go, so a chat with tens of thousands
/// waiting is not counted again for each one; a retry time therefore changes through <see cref="RetryAt"/>.
/// </summary>
public sealed class WaitingMessages
{
    private readonly Dictionary<long, ChatQueue> _chats = [];
    private long _lastId = -1;

    // After a Reset, messages up to this id were already reported as new once: read again, they are not new.
    private long _reportedThrough = -1;

    /// <summary>Chats with waiting messages.</summary>
    public IReadOnlyList<long> Chats => _chats.Keys.ToList();

    public int Count => _chats.Values.Sum(c => c.Messages.Count);

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
                _chats[message.ChatId] = chat = new ChatQueue();
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

    /// <summary>One chat's waiting messages, oldest first (by id).</summary>
    public IReadOnlyList<OutboxEntry> Of(long chatId) => _chats.TryGetValue(chatId, out var chat) ? chat.Messages : [];

    /// <summary>
    /// The latest <see cref="OutboxEntry.NextAttemptAt"/> of the chat's waiting messages: until then a failed message
    /// holds the chat (<see cref="DateTimeOffset.MinValue"/> when nothing waits).
    /// </summary>
    public DateTimeOffset BlockedUntil(long chatId) =>
        _chats.TryGetValue(chatId, out var chat) ? chat.Latest : DateTimeOffset.MinValue;

    /// <summary>How many of the chat's waiting messages are first cards of new incidents (with an <see cref="OutboxEntry.Opening"/>).</summary>
    public int NewCards(long chatId) => _chats.TryGetValue(chatId, out var chat) ? chat.NewCards : 0;

    /// <summary>How many of the chat's waiting messages are deadline reminders (with a <see cref="OutboxEntry.Reminder"/>).</summary>
    public int Reminders(long chatId) => _chats.TryGetValue(chatId, out var chat) ? chat.Reminders : 0;

    /// <summary>A failed message waits until <paramref name="at"/>, and holds its chat until then.</summary>
    public void RetryAt(OutboxEntry message, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_chats.TryGetValue(message.ChatId, out var chat) && chat.Holds(message))
        {
            chat.RetryAt(message, at);
        }
        else
        {
            message.NextAttemptAt = at; // no longer held (the queue was reset meanwhile): nothing to keep up to date
        }
    }

    /// <summary>Removes many at once (a digest's folded messages): one pass per chat, not one per message.</summary>
    public void Remove(IReadOnlyCollection<OutboxEntry> messages)
    {
        foreach (var chat in messages.GroupBy(m => m.ChatId))
        {
            if (_chats.TryGetValue(chat.Key, out var waiting) && waiting.Remove(chat.Select(m => m.Id).ToHashSet()) &&
                waiting.Messages.Count == 0)
            {
                _chats.Remove(chat.Key);
            }
        }
    }

    public void Remove(OutboxEntry message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_chats.TryGetValue(message.ChatId, out var chat) && chat.Remove(message.Id) && chat.Messages.Count == 0)
        {
            _chats.Remove(message.ChatId);
        }
    }

    /// <summary>One chat's waiting messages (ascending ids: each look reads only ids above the last) and its figures.</summary>
    private sealed class ChatQueue
    {
        // Every waiting message's retry time, with its id: the latest is the last. Kept exactly, not scanned: the sender
        // reads it before each message it sends.
        private readonly SortedSet<(DateTimeOffset At, long Id)> _times = [];

        public List<OutboxEntry> Messages { get; } = [];

        public int NewCards { get; private set; }

        public int Reminders { get; private set; }

        public DateTimeOffset Latest => _times.Count > 0 ? _times.Max.At : DateTimeOffset.MinValue;

        public void Add(OutboxEntry message)
        {
            Messages.Add(message);
            _times.Add((message.NextAttemptAt, message.Id));
            Count(message, 1);
        }

        public bool Holds(OutboxEntry message) => IndexOf(message.Id) is var i && i >= 0 && ReferenceEquals(Messages[i], message);

        public void RetryAt(OutboxEntry message, DateTimeOffset at)
        {
            _times.Remove((message.NextAttemptAt, message.Id));
            message.NextAttemptAt = at;
            _times.Add((at, message.Id));
        }

        public bool Remove(long id)
        {
            var i = IndexOf(id);
            if (i < 0)
            {
                return false;
            }

            Forget(Messages[i]);
            Messages.RemoveAt(i);
            return true;
        }

        public bool Remove(HashSet<long> ids)
        {
            var removed = Messages.RemoveAll(m => ids.Contains(m.Id) && Forget(m));
            return removed > 0;
        }

        // Takes a leaving message out of the figures; true, so it can stand in RemoveAll's predicate.
        private bool Forget(OutboxEntry message)
        {
            _times.Remove((message.NextAttemptAt, message.Id));
            Count(message, -1);
            return true;
        }

        private void Count(OutboxEntry message, int step)
        {
            if (message.Opening is not null)
            {
                NewCards += step;
            }

            if (message.Reminder is not null)
            {
                Reminders += step;
            }
        }

        private int IndexOf(long id)
        {
            int low = 0, high = Messages.Count - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                var at = Messages[middle].Id;
                if (at == id)
                {
                    return middle;
                }

                if (at < id)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return -1;
        }
    }
}
