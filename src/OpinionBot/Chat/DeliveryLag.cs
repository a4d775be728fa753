using Microsoft.Extensions.Options;

namespace OpinionBot.Chat;

/// <summary>How far behind delivery to one chat is: when its oldest waiting message was queued, and how many wait.</summary>
public readonly record struct ChatLag(long ChatId, DateTimeOffset OldestQueued, int Waiting)
{
    public TimeSpan Behind(DateTimeOffset now) => now > OldestQueued ? now - OldestQueued : TimeSpan.Zero;

    /// <summary>Each chat's lag among <paramref name="waiting"/> messages, the furthest behind first.</summary>
    public static IReadOnlyList<ChatLag> Of(IEnumerable<OutboxEntry> waiting) =>
        [.. waiting.GroupBy(m => m.ChatId).Select(g => new ChatLag(g.Key, g.Min(m => m.CreatedAt), g.Count())).OrderBy(l => l.OldestQueued)];
}

/// <summary>
/// Tells the supervisors when delivery to a chat falls behind: its oldest waiting message has waited
/// <see cref="DeliveryOptions.LagAlertAfter"/> (Telegram down or throttling us, or more to say than the chat can take).
/// Cards that wait are cards nobody sees, so this must not stay in a log: once when it falls behind, once when it has
/// caught up (its oldest waiting message under half the limit, so a chat hovering at the limit does not ring every
/// minute). Fed by the sender after each drain; kept in memory, so a restart may tell it again.
/// </summary>
public sealed class DeliveryLagWatch(
    ChatAlerts alerts,
    ChatPlaces places,
    IOptionsMonitor<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryLagWatch> logger)
{
    // Chats reported as behind, and since when.
    private readonly Dictionary<long, DateTimeOffset> _behind = [];

    /// <summary>Looks at every chat's lag (chats with nothing waiting are caught up).</summary>
    public void Look(IReadOnlyList<ChatLag> lags)
    {
        ArgumentNullException.ThrowIfNull(lags);
        var now = time.GetUtcNow();
        var limit = options.CurrentValue.LagAlertAfter;
        foreach (var lag in lags)
        {
            var behind = lag.Behind(now);
            if (behind >= limit && !_behind.ContainsKey(lag.ChatId))
            {
                _behind[lag.ChatId] = lag.OldestQueued;
                logger.LogWarning("Delivery to chat {ChatId} is behind: {Waiting} messages wait, the oldest for {Behind}", lag.ChatId, lag.Waiting, behind);
                alerts.Tell(text => text.DeliveryBehind(places.Describe(lag.ChatId, text), text.Waited(behind), lag.Waiting));
            }
        }

        foreach (var (chatId, since) in _behind.ToList())
        {
            var lag = lags.FirstOrDefault(l => l.ChatId == chatId);
            if (lag.ChatId == chatId && lag.Behind(now) >= limit / 2)
            {
                continue;
            }

            _behind.Remove(chatId);
            logger.LogInformation("Delivery to chat {ChatId} caught up after {Behind}", chatId, now - since);
            alerts.Tell(text => text.DeliveryCaughtUp(places.Describe(chatId, text), text.Waited(now - since)));
        }
    }
}
