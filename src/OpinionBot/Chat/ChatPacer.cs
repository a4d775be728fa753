using Microsoft.Extensions.Options;

namespace OpinionBot.Chat;

/// <summary>
/// Keeps the sender under Telegram's limits by counting its own calls in sliding windows: per group chat a minute,
/// per private chat a second, and all chats together a second. The sender asks for the next free slot before each call
/// instead of bursting until Telegram answers 429. Only the sender's loop uses it, so it needs no lock.
/// </summary>
public sealed class ChatPacer(IOptionsMonitor<DeliveryOptions> options)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly Dictionary<long, Queue<DateTimeOffset>> _chats = [];
    private readonly Queue<DateTimeOffset> _overall = new();

    /// <summary>
    /// When the next call to this chat may go: <paramref name="now"/> when at once. Ordinary traffic leaves each group's
    /// <see cref="DeliveryOptions.MajorReserve"/> free for 重大 cards.
    /// </summary>
    public DateTimeOffset NextSlot(long chatId, bool major, DateTimeOffset now)
    {
        var limits = options.CurrentValue;
        var (limit, window) = IsGroup(chatId)
            ? (limits.GroupMessagesPerMinute - (major ? 0 : limits.MajorReserve), Minute)
            : (limits.PrivateMessagesPerSecond, Second);
        var chat = Slot(_chats.GetValueOrDefault(chatId), Math.Max(1, limit), window, now);
        var overall = Slot(_overall, limits.MessagesPerSecond, Second, now);
        return chat > overall ? chat : overall;
    }

    /// <summary>Counts a call that reached Telegram. Record after the answer, so the window never starts too early.</summary>
    public void Record(long chatId, DateTimeOffset at)
    {
        var limits = options.CurrentValue;
        if (!_chats.TryGetValue(chatId, out var sent))
        {
            _chats[chatId] = sent = new Queue<DateTimeOffset>();
        }

        Add(sent, at, IsGroup(chatId) ? limits.GroupMessagesPerMinute : limits.PrivateMessagesPerSecond);
        Add(_overall, at, limits.MessagesPerSecond);
    }

    /// <summary>Negative ids are groups and channels; positive ids are people.</summary>
    public static bool IsGroup(long chatId) => chatId < 0;

    private static DateTimeOffset Slot(Queue<DateTimeOffset>? sent, int limit, TimeSpan window, DateTimeOffset now)
    {
        if (sent is null)
        {
            return now;
        }

        while (sent.Count > 0 && sent.Peek() <= now - window)
        {
            sent.Dequeue();
        }

        // With the window full, the next call may go once enough of the oldest calls have left it.
        return sent.Count < limit ? now : sent.ElementAt(sent.Count - limit) + window;
    }

    private static void Add(Queue<DateTimeOffset> sent, DateTimeOffset at, int keep)
    {
        sent.Enqueue(at);
        while (sent.Count > Math.Max(1, keep))
        {
            sent.Dequeue();
        }
    }
}
