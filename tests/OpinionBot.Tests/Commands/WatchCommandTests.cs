using OpinionBot.Tests.Commands;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Commands;

/// <summary>重点监控 by command: a later, differently worded item that misses every topic joins the watched incident.</summary>
public sealed class WatchCommandTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    public async Task InitializeAsync() => _chat = await CommandChat.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Watch_WithTerms_LaterItemJoinsTheIncident()
    {
        var (incident, _) = await _chat.OpenAsync("城南小学食堂饭菜变质 家长投诉");
        var number = CommandChat.AsTyped(incident);

        var reply = await _chat.SayAsync(TeamChat, Officer, $"/watch {number} 城南小学 食堂");
        Assert.Contains("重点监控 " + incident.Number, reply.Text);
        Assert.Contains(incident.Number, (await _chat.SayAsync(TeamChat, Officer, "/watch")).Text);

        _chat.Feed("/feed.xml", "教育局回应城南小学食堂整改进展");

        await _chat.Api.WaitUntilAsync(() => _chat.Reload(incident).Appearances.Count == 2, CommandChat.Patience);
        Assert.DoesNotContain(_chat.Api.Messages(TeamChat), m => m.Text!.Contains("教育局回应") && m.Buttons.Count > 0 && !m.Text.Contains(incident.Number));

        Assert.Contains("已结束", (await _chat.SayAsync(TeamChat, Officer, $"/unwatch {number}")).Text);
        Assert.Contains("当前没有重点监控", (await _chat.SayAsync(TeamChat, Officer, "/watch")).Text);
    }

    [Fact]
    public async Task Watch_WithoutTerms_TakesKeyTermsFromTheTitle()
    {
        var (incident, _) = await _chat.OpenAsync("城南小学食堂饭菜变质");

        var reply = await _chat.SayAsync(TeamChat, Supervisor, $"/watch {CommandChat.AsTyped(incident)}");

        Assert.Contains("城南小学", reply.Text);
    }

    [Theory]
    [InlineData("/watch 999", "找不到舆情")]
    [InlineData("/unwatch", "用法：/unwatch")]
    [InlineData("/unwatch 1 2", "用法：/unwatch")]
    public async Task BadArguments_GetUsage(string command, string expected)
    {
        Assert.Contains(expected, (await _chat.SayAsync(TeamChat, Officer, command)).Text);
    }

    [Fact]
    public async Task Member_IsRefused()
    {
        Assert.Contains("监测员", (await _chat.SayAsync(TeamChat, CommandChat.Member, "/watch")).Text);
    }
}
