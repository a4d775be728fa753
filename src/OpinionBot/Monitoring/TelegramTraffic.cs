namespace OpinionBot.Monitoring;

/// <summary>
/// Watches every Bot API call on the way back (a handler on the "telegram" HTTP client), so health and metrics learn
/// about 429s and the last good getUpdates without the poller or the outbox having to report them.
/// </summary>
public sealed class TelegramTraffic(TelegramPulse pulse, BotMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The Bot API path is /bot<token>/<method>: only the method is kept, never the token.
        var method = request.RequestUri?.Segments is [.., var last] ? last.Trim('/') : "";
        var response = await base.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        metrics.TelegramCalls.WithLabels(method, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        if (status == 429)
        {
            metrics.RateLimited.Inc();
        }
        else if (response.IsSuccessStatusCode && string.Equals(method, "getUpdates", StringComparison.OrdinalIgnoreCase))
        {
            pulse.UpdatesReceived();
        }

        return response;
    }
}

/// <summary>When the bot last heard from Telegram: a successful getUpdates, or an authentic webhook delivery.</summary>
public sealed class TelegramPulse(TimeProvider time, BotMetrics metrics)
{
    private long _lastTicks;

    public DateTimeOffset? LastUpdates => Interlocked.Read(ref _lastTicks) is var ticks and > 0
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : null;

    public void UpdatesReceived()
    {
        var now = time.GetUtcNow();
        Interlocked.Exchange(ref _lastTicks, now.UtcTicks);
        metrics.LastUpdatesSuccess.Set(now.ToUnixTimeMilliseconds() / 1000.0);
    }
}
