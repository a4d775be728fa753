using Microsoft.Extensions.Options;

namespace OpinionBot.Chat;

/// <summary>
/// Notices when more new incidents arrive for a chat than it can take (<see cref="DeliveryOptions.DigestAbove"/> within
/// <see cref="DeliveryOptions.DigestWindow"/>). During such a storm ordinary new cards are held and go out together as
/// one digest card: the first after <see cref="DeliveryOptions.DigestGather"/>, the next no sooner than a window after
/// the last. Kept in memory by the sender's loop; a restart counts again from the waiting cards.
/// </summary>
public sealed class ChatStorms(IOptionsMonitor<DeliveryOptions> options)
{
    private readonly Dictionary<long, Queue<DateTimeOffset>> _arrivals = [];
    private readonly Dictionary<long, DateTimeOffset> _lastDigest = [];

    /// <summary>Counts a newly opened incident's card for its chat.</summary>
    public void Arrived(OutboxEntry message)
    {
        if (message.Opening is null)
        {
            return;
        }

        if (!_arrivals.TryGetValue(message.ChatId, out var arrivals))
        {
            _arrivals[message.ChatId] = arrivals = new Queue<DateTimeOffset>();
        }

        arrivals.Enqueue(message.CreatedAt);
    }

    /// <summary>
    /// Whether the chat gets more new incidents than it can take: many arrived lately, or many wait (a backlog after
    /// an outage or a restart is a storm too, however old).
    /// </summary>
    public bool InStorm(long chatId, DateTimeOffset now, int waitingNewCards)
    {
        var limits = options.CurrentValue;
        if (waitingNewCards > limits.DigestAbove)
        {
            return true;
        }

        if (!_arrivals.TryGetValue(chatId, out var arrivals))
        {
            return false;
        }

        while (arrivals.Count > 0 && arrivals.Peek() <= now - limits.DigestWindow)
        {
            arrivals.Dequeue();
        }

        if (arrivals.Count == 0)
        {
            _arrivals.Remove(chatId);
        }

        return arrivals.Count > limits.DigestAbove;
    }

    /// <summary>When the held cards, the oldest of them queued at <paramref name="oldestHeld"/>, go out as a digest.</summary>
    public DateTimeOffset DigestDue(long chatId, DateTimeOffset oldestHeld) =>
        FoldDue(oldestHeld, _lastDigest.TryGetValue(chatId, out var last) ? last : null, options.CurrentValue);

    /// <summary>
    /// When held messages fold (a digest, a reminder summary): <see cref="DeliveryOptions.DigestGather"/> after the
    /// oldest, and no sooner than <see cref="DeliveryOptions.DigestWindow"/> after the last fold.
    /// </summary>
    public static DateTimeOffset FoldDue(DateTimeOffset oldestHeld, DateTimeOffset? lastFold, DeliveryOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var gathered = oldestHeld + limits.DigestGather;
        return lastFold is { } last && last + limits.DigestWindow > gathered ? last + limits.DigestWindow : gathered;
    }

    public void Digested(long chatId, DateTimeOffset at) => _lastDigest[chatId] = at;
}
