using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Sources;
using OpinionBot.Tests.Commands;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Commands;

/// <summary>
/// <c>/sources test</c> shows what a source yields now, even when the poller holds its ETag; <c>/sources add</c> and
/// <c>edit</c> refuse a private address at once, with the guard's own words (as <c>check</c> gives them).
/// </summary>
public sealed class SourceTestAndGuardTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    public async Task InitializeAsync() => _chat = await CommandChat.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Test_HealthySourceWhoseETagIsStored_ShowsItsItemsNot304()
    {
        _chat.Feed("/feed.xml", "镇卫生院收费公示");
        var site = _chat.Bot.Site;
        // The poller has stored the validators once the site answers it 304.
        await _chat.Api.WaitUntilAsync(
            () => site.Hits.Any(h => h.PathAndQuery == "/feed.xml" && h.Headers.ContainsKey("If-None-Match")), CommandChat.Patience);
        var before = site.Hits.Count;

        var reply = await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources test 县新闻");

        Assert.Contains("镇卫生院收费公示", reply.Text);
        Assert.DoesNotContain("（304）", reply.Text); // the not-modified line; item links hold hashes that may contain "304"
        var testHits = site.Hits.Skip(before).Where(h => h.PathAndQuery == "/feed.xml").ToList();
        Assert.Contains(testHits, h => !h.Headers.ContainsKey("If-None-Match") && !h.Headers.ContainsKey("If-Modified-Since"));
    }

    [Theory]
    [InlineData("http://10.0.0.1/feed.xml", "10.0.0.1 (private)")]
    [InlineData("http://169.254.169.254/latest/meta-data", "169.254.169.254 (link-local (cloud metadata))")]
    [InlineData("http://0xC0A80001/feed.xml", "192.168.0.1 (private)")]
    [InlineData("http://[::ffff:10.1.2.3]/feed.xml", "10.1.2.3 (private)")]
    public async Task Add_PrivateAddress_IsRefusedAtOnceWithTheGuardMessageCheckGives(string url, string reason)
    {
        var check = new StringWriter();
        await CheckCommand.RunAsync(["check", url], check, CancellationToken.None);
        var guard = check.ToString().Trim();
        guard = guard[guard.IndexOf("refused:", StringComparison.Ordinal)..];

        var reply = await _chat.SayAsync(SupervisorsChat, Supervisor, $"/sources add 内网 feed {url} every 1h");

        Assert.Contains(reason, guard);
        Assert.Contains(guard, System.Net.WebUtility.HtmlDecode(reply.Text));
        Assert.DoesNotContain("已添加", reply.Text);
        Assert.DoesNotContain("内网", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources")).Text);
    }

    [Fact]
    public async Task Edit_ToPrivateAddress_IsRefusedAndTheSourceKeepsItsUrl()
    {
        var reply = await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources edit 县新闻 url=http://192.168.1.10/feed.xml");

        Assert.Contains("refused: 192.168.1.10 is 192.168.1.10 (private); add it to Fetching:AllowList", System.Net.WebUtility.HtmlDecode(reply.Text));
        Assert.DoesNotContain("已保存", reply.Text);
        var source = _chat.Bot.Services.GetRequiredService<SourceCatalog>().Find("县新闻");
        Assert.Equal(_chat.Bot.FeedUrl, source?.Url);
    }

    [Fact]
    public async Task Add_AllowListedLoopback_IsAccepted()
    {
        var reply = await _chat.SayAsync(SupervisorsChat, Supervisor, $"/sources add 本地 feed {_chat.Bot.Site.Url("/local.xml")} every 1h");

        Assert.Contains("已添加来源“本地”", reply.Text);
    }
}
