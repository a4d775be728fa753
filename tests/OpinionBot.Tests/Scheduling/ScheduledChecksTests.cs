using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Sources;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Scheduling;

/// <summary>The real host and the real Quartz scheduler with more due checks than it has threads.</summary>
public sealed class ScheduledChecksTests : IAsyncLifetime
{
    private const int Sources = 24;
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task MoreDueChecksThanSchedulerThreads_EverySourceIsCheckedEveryRound()
    {
        // Each answer takes a second: a scheduler thread held per check (two threads) would manage two checks a second.
        for (var i = 0; i < Sources; i++)
        {
            _bot.Site.Map($"/slow/{i}.xml", async http =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), http.RequestAborted);
                http.Response.ContentType = "application/rss+xml; charset=utf-8";
                await http.Response.WriteAsync(TestFeeds.Rss(("天气晴", "http://127.0.0.1/none", DateTimeOffset.UtcNow, "无事")), http.RequestAborted);
            });
            _bot.Settings[$"Sources:{i + 1}:Name"] = $"slow{i}";
            _bot.Settings[$"Sources:{i + 1}:Kind"] = "feed";
            _bot.Settings[$"Sources:{i + 1}:Url"] = _bot.Site.Url($"/slow/{i}.xml");
            _bot.Settings[$"Sources:{i + 1}:Schedule"] = "every 3s";
        }

        _bot.Settings["Scheduling:SchedulerThreads"] = "2";
        _bot.Settings["Fetching:MinIntervalPerHost"] = "00:00:00";
        _bot.Settings["Fetching:MaxConcurrencyPerHost"] = "32";
        await _bot.StartAsync();

        // Three rounds of 24 one-second checks: about 9 s when they run side by side, 36 s or more two at a time.
        await _bot.Api.WaitUntilAsync(
            () => Enumerable.Range(0, Sources).All(i => _bot.Site.RequestCount($"/slow/{i}.xml") >= 3),
            TimeSpan.FromSeconds(30));

        var health = _bot.Services.GetRequiredService<SourceHealthTracker>();
        Assert.All(Enumerable.Range(0, Sources), i => Assert.NotNull(_bot.Database.Read(_ => health.Get($"slow{i}").LastCheck)));
    }
}
