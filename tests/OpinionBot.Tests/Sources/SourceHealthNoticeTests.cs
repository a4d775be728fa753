using Microsoft.AspNetCore.Http;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Sources;

/// <summary>A failing source produces one notice to supervisors, and one more when it recovers: no notice storms.</summary>
public sealed class SourceHealthNoticeTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private BotHarness _bot = null!;
    private volatile bool _failing = true;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.CreateAsync();
        _bot.Settings["Fetching:FailureThreshold"] = "2";
        _bot.Site.Map("/feed.xml", async context =>
        {
            if (_failing)
            {
                context.Response.StatusCode = 503;
                await context.Response.WriteAsync("maintenance");
                return;
            }

            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync(TestFeeds.Rss(("今日县城新闻", _bot.Site.BaseUrl + "/n/1", DateTimeOffset.UtcNow, "一切正常")));
        });
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task FailingSource_NotifiesSupervisorsOnce_ThenOnceOnRecovery()
    {
        await _bot.StartAsync();
        var api = _bot.Api;

        await api.WaitUntilAsync(() => api.Messages(BotHarness.SupervisorsChat).Count == 1, Patience);
        await api.WaitUntilAsync(() => _bot.Site.RequestCount("/feed.xml") >= 5, Patience);
        Assert.Single(api.Messages(BotHarness.SupervisorsChat));
        Assert.Contains("县新闻", api.Messages(BotHarness.SupervisorsChat)[0].Text);
        Assert.Contains("503", api.Messages(BotHarness.SupervisorsChat)[0].Text);

        _failing = false;
        await api.WaitUntilAsync(() => api.Messages(BotHarness.SupervisorsChat).Count == 2, Patience);
        var polls = _bot.Site.RequestCount("/feed.xml");
        await api.WaitUntilAsync(() => _bot.Site.RequestCount("/feed.xml") >= polls + 2, Patience);

        Assert.Equal(2, api.Messages(BotHarness.SupervisorsChat).Count);
        Assert.Contains("已恢复", api.Messages(BotHarness.SupervisorsChat)[1].Text);
    }
}
