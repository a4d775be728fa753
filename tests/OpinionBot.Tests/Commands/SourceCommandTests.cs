using OpinionBot.Tests.Commands;
using OpinionBot.Tests.Support;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Commands;

/// <summary><c>/sources</c> end to end: added sources are polled without a restart, paused ones are not, bad input gets usage.</summary>
public sealed class SourceCommandTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    public async Task InitializeAsync() => _chat = await CommandChat.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Add_FeedByCommand_IsPolledOnItsScheduleAndMatchingItemBecomesCard()
    {
        _chat.Feed("/forum.xml", "市医院投诉无人处理");

        var added = await _chat.SayAsync(SupervisorsChat, Supervisor, $"/sources add 论坛 feed {_chat.Bot.Site.Url("/forum.xml")} every 1s");

        Assert.Contains("已添加来源“论坛”", added.Text);
        await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Text!.Contains("市医院投诉无人处理") && m.Buttons.Count > 0, CommandChat.Patience);
        await _chat.Api.WaitUntilAsync(() => _chat.Bot.Site.RequestCount("/forum.xml") >= 2, CommandChat.Patience);
        var list = await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources");
        Assert.Contains("论坛", list.Text);
        Assert.Contains("县新闻", list.Text);
    }

    [Fact]
    public async Task Pause_StopsPolling_ResumeStartsAgain()
    {
        await _chat.Api.WaitUntilAsync(() => _chat.Bot.Site.RequestCount("/feed.xml") >= 1, CommandChat.Patience);

        // A second source polled every second shows the checks go on while the paused one is left alone.
        _chat.Bot.Site.Set("/control.xml", TestFeeds.Rss());
        Assert.Contains("已添加", (await _chat.SayAsync(SupervisorsChat, Supervisor, $"/sources add 对照 feed {_chat.Bot.Site.Url("/control.xml")} every 1s")).Text);
        Assert.Contains("已暂停来源“县新闻”", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources pause 县新闻")).Text);
        await _chat.Api.WaitUntilAsync(() => _chat.Bot.Site.RequestCount("/control.xml") >= 1, CommandChat.Patience);
        var before = _chat.Bot.Site.RequestCount("/feed.xml"); // a check already running has finished by now
        var control = _chat.Bot.Site.RequestCount("/control.xml");
        await _chat.Api.WaitUntilAsync(() => _chat.Bot.Site.RequestCount("/control.xml") >= control + 3, CommandChat.Patience);
        Assert.Equal(before, _chat.Bot.Site.RequestCount("/feed.xml"));
        Assert.Contains("⏸ 县新闻", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources")).Text);

        Assert.Contains("已恢复", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources resume 县新闻")).Text);
        await _chat.Api.WaitUntilAsync(() => _chat.Bot.Site.RequestCount("/feed.xml") > before, CommandChat.Patience);
    }

    [Fact]
    public async Task EditAndRemove_ChangeTheScheduleAtOnce()
    {
        var edited = await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources edit 县新闻 schedule=\"0 0 3 * * ?\" weight=2");
        Assert.Contains("已保存来源“县新闻”", edited.Text);
        await _chat.WaitForTriggersAsync("县新闻", names => names.Count == 1 && names[0].Contains("cron", StringComparison.Ordinal));

        Assert.Contains("已删除来源“县新闻”", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources remove 县新闻")).Text);
        await _chat.WaitForTriggersAsync("县新闻", names => names.Count == 0);
        Assert.Contains("没有名为“县新闻”的来源", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources pause 县新闻")).Text);
    }

    [Fact]
    public async Task Changes_SurviveARestart_RemovedConfiguredSourceStaysRemoved()
    {
        await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources remove 县新闻");
        await _chat.SayAsync(SupervisorsChat, Supervisor, $"/sources add 论坛 feed {_chat.Bot.Site.Url("/forum.xml")} every 1h");

        await _chat.Bot.StopAsync();
        await _chat.Bot.StartAsync();

        var list = await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources");
        Assert.Contains("论坛", list.Text);
        Assert.DoesNotContain("县新闻", list.Text);
        Assert.Empty(await _chat.TriggerNamesAsync("县新闻"));
    }

    [Theory]
    [InlineData("/sources add 坏 rss http://127.0.0.1/x", "Kind &#39;rss&#39;")]
    [InlineData("/sources add 坏 feed ftp://127.0.0.1/x", "is not an http(s) URL")]
    [InlineData("/sources add 坏 feed http://127.0.0.1/x every soon", "Schedule &#39;every soon&#39;")]
    [InlineData("/sources add 坏 html http://127.0.0.1/x colour=red", "colour=red")]
    [InlineData("/sources add 县新闻 feed http://127.0.0.1/x", "已存在")]
    [InlineData("/sources edit 县新闻 every", "键=值")]
    [InlineData("/sources frobnicate", "用法：/sources")]
    [InlineData("/sources add 坏", "用法：/sources")]
    public async Task BadArguments_GetTheProblemAndUsage(string command, string expected)
    {
        var reply = await _chat.SayAsync(SupervisorsChat, Supervisor, command);
        Assert.Contains(expected, reply.Text);
    }

    [Fact]
    public async Task Officer_IsRefused()
    {
        var reply = await _chat.SayAsync(TeamChat, Officer, "/sources add 论坛 feed http://127.0.0.1/forum.xml");
        Assert.Contains("只有分管领导可以使用此命令", reply.Text);
        Assert.DoesNotContain("论坛", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources")).Text);
    }

    [Fact]
    public async Task Test_ByUrlWithSelectors_ShowsItemsAndEncoding()
    {
        _chat.Bot.Site.Set("/board.html",
            "<html><head><meta charset=\"utf-8\"></head><body><ul><li class=\"thread\"><a class=\"t\" href=\"/t/1\">镇卫生院收费乱象</a><span class=\"date\">2026-11-22 10:00</span></li></ul></body></html>",
            "text/html; charset=utf-8");

        var reply = await _chat.SayAsync(SupervisorsChat, Supervisor,
            $"/sources test {_chat.Bot.Site.Url("/board.html")} html item=\".thread\" title=\"a.t\" link=\"a.t\" time=\".date\"");

        Assert.Contains("镇卫生院收费乱象", reply.Text);
        Assert.Contains("/t/1", reply.Text);
        Assert.Contains("UTF-8", reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Test_ByNameOfAFailingSource_GivesTheReason()
    {
        await _chat.SayAsync(SupervisorsChat, Supervisor, $"/sources add 失效 feed {_chat.Bot.Site.Url("/missing.xml")} every 1h");

        var reply = await _chat.SayAsync(SupervisorsChat, Supervisor, "/sources test 失效");

        Assert.Contains("无法读取", reply.Text);
    }
}
