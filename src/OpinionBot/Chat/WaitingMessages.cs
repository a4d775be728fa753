using System.Diagnostics;
using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>
/// The waiting outbox, per chat, held by the sender between wake-ups. Each look reads only the messages added since the
/// last one (by id, on the primary index) instead of the whole backlog; only the sender changes waiting messages, so
/// what it holds stays true. A restart reads the waiting ones once, on the DeliveredAt index. It holds each message as an
/// <see cref="OutboxEntry"/>, without its text, buttons or files: the sender reads the message itself when it sends it.
/// Per chat it keeps the figures the sender reads before every message it sends (<see cref="BlockedUntil"/>,
/// <see cref="NewCards"/>, <see cref="Reminders"/>) up to date as messages come and go, and the messages by rank, so
/// that the next one (<see cref="Next"/>), the held cards and reminders and a superseded edit are found without going
/// through a backlog of tens of thousands for each message sent; a retry time therefore changes through
/// <see cref="RetryAt"/>.
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

    /// <summary>Each chat's lag: its first waiting message by id is the one queued first.</summary>
    public IReadOnlyList<ChatLag> Lags() =>
        [.. _chats.Select(c => new ChatLag(c.Key, c.Value.Messages[0].CreatedAt, c.Value.Messages.Count))];

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

    /// <summary>
    /// The chat's next message in <see cref="DeliveryOrder"/>, found without going through every waiting message (the
    /// tests check it against the order written out as one pass); null when none may go.
    /// </summary>
    public OutboxEntry? Next(long chatId, HeldBack held) => _chats.TryGetValue(chatId, out var chat) ? chat.Next(held) : null;

    /// <summary>The chat's waiting ordinary new cards (<see cref="OpeningCard.Ordinary"/>), oldest first (by id).</summary>
    public IEnumerable<OutboxEntry> OrdinaryCards(long chatId) =>
        _chats.TryGetValue(chatId, out var chat) ? chat.OfRank(DeliveryOrder.OrdinaryCards) : [];

    /// <summary>The chat's waiting reminders, oldest first (by id).</summary>
    public IEnumerable<OutboxEntry> RemindersOf(long chatId) =>
        _chats.TryGetValue(chatId, out var chat) ? chat.AllReminders() : [];

    /// <summary>Whether a later edit of the same card waits in the same chat (then this edit is pointless).</summary>
    public bool IsSuperseded(OutboxEntry message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Kind == OutboxKind.EditCard &&
               _chats.TryGetValue(message.ChatId, out var chat) && chat.HasLaterEdit(message);
    }

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

    /// <summary>Removes many at once (a digest's folded messages): one pass over each chat's list, not one per message.</summary>
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

    /// <summary>
    /// One chat's waiting messages (ascending ids: each look reads only ids above the last), its figures, and the same
    /// messages by their place in <see cref="DeliveryOrder"/>, so the next one is found without going through them all.
    /// </summary>
    private sealed class ChatQueue
    {
        private const int Ranks = 5;

        // Every waiting message's retry time, with its id: the latest is the last. Kept exactly, not scanned: the sender
        // reads it before each message it sends.
        private readonly SortedSet<(DateTimeOffset At, long Id)> _times = [];

        // The messages of each rank (DeliveryOrder.Rank), reminders apart (a flooded chat holds them back), by id.
        private readonly List<OutboxEntry>[] _byRank = [.. Enumerable.Range(0, Ranks).Select(_ => new List<OutboxEntry>())];
        private readonly List<OutboxEntry>[] _remindersByRank = [.. Enumerable.Range(0, Ranks).Select(_ => new List<OutboxEntry>())];

        // Incidents whose card (a Send with the incident) is waiting, with the first such card's id: an edit of, or a
        // reply to, a card waits for it. And incidents with an edit of their card waiting, with the last one's id: an
        // earlier edit is superseded.
        private readonly IncidentMessages _cards = new(first: true);
        private readonly IncidentMessages _edits = new(first: false);

        public List<OutboxEntry> Messages { get; } = [];

        public int NewCards { get; private set; }

        public int Reminders { get; private set; }

        public DateTimeOffset Latest => _times.Count > 0 ? _times.Max.At : DateTimeOffset.MinValue;

        public void Add(OutboxEntry message)
        {
            Messages.Add(message);
            _times.Add((message.NextAttemptAt, message.Id));
            Count(message, 1);
            ListOf(message).Add(message);
            if (CardOf(message) is { } card)
            {
                _cards.Add(card, message.Id);
            }

            if (EditOf(message) is { } edited)
            {
                _edits.Add(edited, message.Id);
            }
        }

        public bool HasLaterEdit(OutboxEntry edit) => edit.IncidentId is { } incidentId
            ? _edits.TryGet(incidentId, out var last) && last > edit.Id
            : Messages.Any(m => m.Id > edit.Id && m.Kind == OutboxKind.EditCard && m.IncidentId is null); // Outbox queues none

        public IEnumerable<OutboxEntry> OfRank(int rank) => Merged([_byRank[rank], _remindersByRank[rank]]);

        public IEnumerable<OutboxEntry> AllReminders() => Merged(_remindersByRank);

        public bool Holds(OutboxEntry message) => IndexOf(Messages, message.Id) is var i && i >= 0 && ReferenceEquals(Messages[i], message);

        public void RetryAt(OutboxEntry message, DateTimeOffset at)
        {
            Untime(message);
            message.NextAttemptAt = at;
            _times.Add((at, message.Id));
        }

        /// <summary>
        /// The next of <see cref="Messages"/> with <paramref name="held"/>: the oldest message of the first rank that has one neither held nor waiting for its card. Held ranks and held
        /// reminders are passed over whole; only messages waiting for their card are looked at one by one.
        /// </summary>
        public OutboxEntry? Next(HeldBack held)
        {
            for (var rank = 0; rank < Ranks; rank++)
            {
                if (held.AllButMajorCards ? rank != DeliveryOrder.MajorCards : held.OrdinaryCards && rank == DeliveryOrder.OrdinaryCards)
                {
                    continue;
                }

                var first = FirstFree(_byRank[rank]);
                if (!held.Reminders || held.AllButMajorCards)
                {
                    var reminder = FirstFree(_remindersByRank[rank]);
                    if (first is null || (reminder is not null && reminder.Id < first.Id))
                    {
                        first = reminder;
                    }
                }

                if (first is not null)
                {
                    return first;
                }
            }

            return null;
        }

        public bool Remove(long id)
        {
            var i = IndexOf(Messages, id);
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
            var removed = false;
            foreach (var id in ids)
            {
                if (IndexOf(Messages, id) is var i && i >= 0)
                {
                    Forget(Messages[i]);
                    removed = true;
                }
            }

            Messages.RemoveAll(m => ids.Contains(m.Id));
            return removed;
        }

        private OutboxEntry? FirstFree(List<OutboxEntry> messages)
        {
            foreach (var message in messages)
            {
                var card = message.Kind == OutboxKind.EditCard ? message.IncidentId : message.ReplyToCardOf;
                if (card is not { } id || !_cards.TryGet(id, out var first) || first > message.Id)
                {
                    return message;
                }
            }

            return null;
        }

        // Takes a leaving message out of the figures and the ranks (not out of Messages).
        private void Forget(OutboxEntry message)
        {
            Untime(message);
            Count(message, -1);
            var list = ListOf(message);
            list.RemoveAt(IndexOf(list, message.Id));
            if (CardOf(message) is { } card && _cards.Remove(card, message.Id))
            {
                _cards.Replace(card, Ids(card, CardOf).Min());
            }

            if (EditOf(message) is { } edited && _edits.Remove(edited, message.Id))
            {
                _edits.Replace(edited, Ids(edited, EditOf).Max());
            }
        }

        // The ids of the waiting cards (or edits) of an incident, as the ranks hold them (Messages may be being changed).
        private IEnumerable<long> Ids(long incidentId, Func<OutboxEntry, long?> of) =>
            _byRank.Concat(_remindersByRank).SelectMany(m => m).Where(m => of(m) == incidentId).Select(m => m.Id);

        // The messages of lists each sorted by id, merged in id order.
        private static IEnumerable<OutboxEntry> Merged(List<OutboxEntry>[] lists)
        {
            var at = new int[lists.Length];
            while (true)
            {
                var from = -1;
                for (var i = 0; i < lists.Length; i++)
                {
                    if (at[i] < lists[i].Count && (from < 0 || lists[i][at[i]].Id < lists[from][at[from]].Id))
                    {
                        from = i;
                    }
                }

                if (from < 0)
                {
                    yield break;
                }

                yield return lists[from][at[from]++];
            }
        }

        private void Untime(OutboxEntry message)
        {
            var found = _times.Remove((message.NextAttemptAt, message.Id));
            Debug.Assert(found, "a held message's NextAttemptAt changed without WaitingMessages.RetryAt");
        }

        private List<OutboxEntry> ListOf(OutboxEntry message) =>
            (message.Reminder is null ? _byRank : _remindersByRank)[DeliveryOrder.Rank(message)];

        private static long? CardOf(OutboxEntry message) => message.Kind == OutboxKind.Send ? message.IncidentId : null;

        private static long? EditOf(OutboxEntry message) => message.Kind == OutboxKind.EditCard ? message.IncidentId : null;

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

        private static int IndexOf(List<OutboxEntry> messages, long id)
        {
            int low = 0, high = messages.Count - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                var at = messages[middle].Id;
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

    /// <summary>
    /// For each incident, how many messages of one kind (its cards, or its card's edits) wait in a chat, and the first
    /// (or last) one's id.
    /// </summary>
    private sealed class IncidentMessages(bool first)
    {
        private readonly Dictionary<long, (long Id, int Count)> _incidents = [];

        public bool TryGet(long incidentId, out long id)
        {
            var found = _incidents.TryGetValue(incidentId, out var messages);
            id = messages.Id;
            return found;
        }

        public void Add(long incidentId, long id) => _incidents[incidentId] = _incidents.TryGetValue(incidentId, out var messages)
            ? (first ? Math.Min(messages.Id, id) : Math.Max(messages.Id, id), messages.Count + 1)
            : (id, 1);

        /// <summary>
        /// Forgets one that left; true when it was the first (or last) and another still waits: then the caller looks
        /// for that one (rare: two cards, or two edits, of one incident waiting in one chat) and gives it to
        /// <see cref="Replace"/>.
        /// </summary>
        public bool Remove(long incidentId, long id)
        {
            if (!_incidents.TryGetValue(incidentId, out var messages))
            {
                return false;
            }

            if (messages.Count == 1)
            {
                _incidents.Remove(incidentId);
                return false;
            }

            _incidents[incidentId] = (messages.Id, messages.Count - 1);
            return messages.Id == id;
        }

        public void Replace(long incidentId, long id) => _incidents[incidentId] = (id, _incidents[incidentId].Count);
    }
}
