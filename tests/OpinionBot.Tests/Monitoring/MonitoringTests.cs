using System.Text.Json;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Monitoring;

/// <summary>The health and metrics listener (<c>Monitoring:Listen</c>), scraped over loopback HTTP from the real host.</summary>
public sealed class MonitoringTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private BotHarness _bot = null!;
    private string _base = "";

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.CreateAsync();
        var port = LocalEndpoints.FreePort();
        _base = $"http://127.0.0.1:{port}";
        _bot.Settings["Monitoring:Listen"] = $"127.0.0.1:{port}";
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Metrics_CountChecksItemsIncidentsDeliveriesAnd429s_InPrometheusText()
    {
        _bot.Site.Set("/feed.xml", TestFeeds.Rss(
            ("县医院被患者投诉乱收费", _bot.Site.Url("/n/1"), DateTimeOffset.UtcNow, "投诉"),
            ("今日天气晴朗", _bot.Site.Url("/n/2"), DateTimeOffset.UtcNow, "天气")));
        _bot.Api.FailNext(1, 429, retryAfter: 1, method: "sendMessage");
        await _bot.StartAsync();
        await _bot.Api.WaitUntilAsync(() => _bot.Api.Messages(BotHarness.TeamChat).Count == 1, Patience);

        Dictionary<string, double> metrics = [];
        var text = "";
        await _bot.Api.WaitUntilAsync(() =>
        {
            (_, text) = LocalEndpoints.GetAsync(_base + "/metrics").GetAwaiter().GetResult();
            metrics = LocalEndpoints.ParseMetrics(text);
            return metrics.GetValueOrDefault("opinionbot_outbox_delivery_seconds_count") >= 1 &&
                   metrics.GetValueOrDefault("opinionbot_source_checks_total{source=\"县新闻\",outcome=\"not_modified\"}") >= 1;
        }, Patience);

        Assert.Contains("# TYPE opinionbot_source_fetch_seconds histogram", text);
        Assert.True(metrics["opinionbot_source_checks_total{source=\"县新闻\",outcome=\"ok\"}"] >= 1);
        Assert.True(metrics["opinionbot_source_items_total{source=\"县新闻\"}"] >= 2);
        Assert.Equal(1, metrics["opinionbot_incidents_opened_total{grade=\"General\"}"]);
        Assert.Equal(1, metrics["opinionbot_telegram_rate_limited_total"]);
        Assert.True(metrics["opinionbot_source_fetch_seconds_count{kind=\"feed\"}"] >= 2);
        Assert.True(metrics["opinionbot_telegram_last_updates_timestamp_seconds"] > 0);
        Assert.Equal(0, metrics["opinionbot_outbox_backlog"]);
        Assert.Equal(0, metrics["opinionbot_report_deadlines{outcome=\"missed\"}"]);
        // The 429 was retried after its retry_after, so the card waited at least a second in the outbox.
        Assert.True(metrics["opinionbot_outbox_delivery_seconds_sum"] >= 1);
    }

    [Fact]
    public async Task Healthz_Is503WhileTelegramIsDownAndTheOutboxStalls_And200OnceItRecovers()
    {
        _bot.Settings["Monitoring:TelegramQuietAfter"] = "00:00:02";
        _bot.Settings["Monitoring:OutboxStaleAfter"] = "00:00:01";
        _bot.Site.Set("/feed.xml", TestFeeds.Rss(("县医院被患者投诉乱收费", _bot.Site.Url("/n/1"), DateTimeOffset.UtcNow, "投诉")));
        _bot.Api.Down = true;
        await _bot.StartAsync();

        JsonElement body = default;
        await _bot.Api.WaitUntilAsync(() => Health(out body) == 503 &&
            Problems(body).Any(p => p.StartsWith("telegram", StringComparison.Ordinal)) &&
            Problems(body).Any(p => p.StartsWith("outbox", StringComparison.Ordinal)), Patience);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("database").GetBoolean());
        Assert.True(body.GetProperty("scheduler").GetBoolean());
        Assert.True(body.GetProperty("outboxBacklog").GetInt32() >= 1);

        _bot.Api.Down = false;
        await _bot.Api.WaitUntilAsync(() => Health(out body) == 200, Patience);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("lastUpdates").ValueKind);
        Assert.Equal(0, body.GetProperty("outboxBacklog").GetInt32());
    }

    [Fact]
    public async Task Healthz_ListsAFailingSource_WithoutCallingTheWorkerUnhealthy()
    {
        _bot.Settings["Fetching:FailureThreshold"] = "2";
        await _bot.StartAsync(); // the feed is never published: every check gets 404

        JsonElement body = default;
        await _bot.Api.WaitUntilAsync(() => Health(out body) == 200 && body.GetProperty("failingSources").GetArrayLength() == 1, Patience);
        Assert.Equal("县新闻", body.GetProperty("failingSources")[0].GetString());
        var (status, metrics) = await LocalEndpoints.GetAsync(_base + "/metrics");
        Assert.Equal(200, status);
        Assert.True(LocalEndpoints.ParseMetrics(metrics)["opinionbot_source_checks_total{source=\"县新闻\",outcome=\"failed\"}"] >= 2);
        Assert.Equal(404, (await LocalEndpoints.GetAsync(_base + "/nothing")).Status);
    }

    [Fact]
    public async Task Healthz_Is503WhileASourceCheckRunsSoLongThatTheNextIsLate()
    {
        _bot.Settings["Monitoring:SourceLateAfter"] = "00:00:01";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The site hangs until released: the check every second cannot start again, so the source falls behind.
        _bot.Site.Map("/feed.xml", async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            context.Response.StatusCode = 404;
        });
        await _bot.StartAsync();

        JsonElement body = default;
        await _bot.Api.WaitUntilAsync(() => Health(out body) == 503 && body.GetProperty("lateSources").GetArrayLength() == 1, Patience);
        Assert.Equal("县新闻", body.GetProperty("lateSources")[0].GetString());
        Assert.Contains(Problems(body), p => p.Contains("sources late: 县新闻", StringComparison.Ordinal));

        release.SetResult();
        await _bot.Api.WaitUntilAsync(() => Health(out body) is var status && body.GetProperty("lateSources").GetArrayLength() == 0, Patience);
    }

    private int Health(out JsonElement body)
    {
        var (status, text) = LocalEndpoints.GetAsync(_base + "/healthz").GetAwaiter().GetResult();
        body = JsonDocument.Parse(text).RootElement.Clone();
        return status;
    }

    private static IEnumerable<string> Problems(JsonElement body) =>
        body.GetProperty("problems").EnumerateArray().Select(p => p.GetString() ?? "");
}
