namespace OpinionBot.Tests.Support;

/// <summary>
/// Telegram's flood limits, enforced by the fake when a test asks for them: per group chat so many messages in any
/// 60 seconds, per private chat so many in any second, and so many calls a second overall. A call beyond them gets
/// 429 with retry_after, as from Telegram. Sends and edits count; polling, answers and reads do not. Windows run on the
/// fake's clock, so a test with a fake clock moves them by moving the clock.
/// </summary>
internal sealed class RateLimits(TimeProvider time)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly Lock gate = new();
    private readonly Dictionary<long, List<DateTimeOffset>> chats = [];
    private readonly List<DateTimeOffset> overall = [];

    public int? GroupPerMinute { get; set; }
    public int? PrivatePerSecond { get; set; }
    public int? OverallPerSecond { get; set; }

    /// <summary>How many calls got 429 from these limits.</summary>
    public int Refused { get; private set; }

    /// <summary>The 429 to answer for this call, or null when it is within the limits (and then it is counted).</summary>
    public BotApiReply? Take(BotApiCall call)
    {
        if (!Counts(call.Method) || call.Parameters.Long("chat_id") is not { } chatId)
        {
            return null;
        }

        lock (gate)
        {
            var now = time.GetUtcNow();
            var (limit, window) = chatId < 0 ? (GroupPerMinute, Minute) : (PrivatePerSecond, Second);
            if (!chats.TryGetValue(chatId, out var sent))
            {
                chats[chatId] = sent = [];
            }

            var wait = Wait(sent, limit, window, now);
            var overallWait = Wait(overall, OverallPerSecond, Second, now);
            wait = wait > overallWait ? wait : overallWait;
            if (wait > TimeSpan.Zero)
            {
                Refused++;
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                return BotApiReply.Error(429, $"Too Many Requests: retry after {seconds}", seconds);
            }

            sent.Add(now);
            overall.Add(now);
            return null;
        }
    }

    private static bool Counts(string method) =>
        method.StartsWith("send", StringComparison.OrdinalIgnoreCase) ||
        method.StartsWith("edit", StringComparison.OrdinalIgnoreCase) ||
        method.StartsWith("copy", StringComparison.OrdinalIgnoreCase) ||
        method.StartsWith("forward", StringComparison.OrdinalIgnoreCase);

    /// <summary>How long until one more call fits in the window; zero when it fits now.</summary>
    private static TimeSpan Wait(List<DateTimeOffset> sent, int? limit, TimeSpan window, DateTimeOffset now)
    {
        sent.RemoveAll(at => at <= now - window);
        return limit is not { } most || sent.Count < most ? TimeSpan.Zero : sent[sent.Count - most] + window - now;
    }
}
