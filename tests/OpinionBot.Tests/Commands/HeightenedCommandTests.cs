using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Scheduling;
using OpinionBot.Tests.Commands;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Commands;

/// <summary><c>/heightened</c>: notices when it starts and ends (also when it runs out), every source rescheduled at once.</summary>
public sealed class HeightenedCommandTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    // The minute job runs every second here, so a period that runs out is noticed quickly.
    public async Task InitializeAsync() => _chat = await CommandChat.StartAsync(s => s["Deadlines:CheckEvery"] = "00:00:01");

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task OnThenOff_PostsNoticesAndReschedulesEverySource()
    {
        var on = await _chat.SayAsync(SupervisorsChat, Supervisor, "/heightened on 6h 30s");

        Assert.Contains("已开启重点时段", on.Text);
        Assert.Contains("30 秒", on.Text);
        await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Text!.Contains("重点时段开始"), CommandChat.Patience);
        await _chat.WaitForTriggersAsync("县新闻", names => names.Any(n => n.Contains("heightened", StringComparison.Ordinal)));
        Assert.Contains("重点时段：至", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/status")).Text);
        Assert.Contains("重点时段：至", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/heightened")).Text);

        Assert.Contains("已结束重点时段", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/heightened off")).Text);
        await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Text!.Contains("重点时段已结束"), CommandChat.Patience);
        await _chat.WaitForTriggersAsync("县新闻", names => !names.Any(n => n.Contains("heightened", StringComparison.Ordinal)));
        Assert.Contains("当前没有重点时段", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/heightened")).Text);
    }

    [Fact]
    public async Task On_UntilATimeOrADate_IsAccepted()
    {
        Assert.Contains("已开启重点时段", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/heightened on 18:00")).Text);
        var tomorrow = DateTimeOffset.UtcNow.AddHours(8).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"至 {tomorrow} 09:30", (await _chat.SayAsync(SupervisorsChat, Supervisor, $"/heightened on {tomorrow} 09:30 5m")).Text);
    }

    [Fact]
    public async Task Expiry_PostsTheEndNoticeOnce()
    {
        var periods = _chat.Bot.Services.GetRequiredService<HeightenedPeriods>();
        periods.Start(DateTimeOffset.UtcNow.AddMilliseconds(300), TimeSpan.FromSeconds(10), "test");

        await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Text!.Contains("重点时段已到期结束"), CommandChat.Patience);
        await _chat.Bot.ChecksPassedAsync(); // the switch and the sources run on the same scheduler
        Assert.Single(_chat.Api.Messages(TeamChat), m => m.Text!.Contains("重点时段已到期结束"));
    }

    [Theory]
    [InlineData("/heightened on", "用法：/heightened")]
    [InlineData("/heightened on soon", "用法：/heightened")]
    [InlineData("/heightened on 6h 5s", "间隔不少于 10 秒")]
    [InlineData("/heightened on 60d", "31 天")]
    [InlineData("/heightened maybe", "用法：/heightened")]
    [InlineData("/heightened off", "当前没有重点时段")]
    public async Task BadArguments_GetUsage(string command, string expected)
    {
        Assert.Contains(expected, (await _chat.SayAsync(SupervisorsChat, Supervisor, command)).Text);
    }

    [Fact]
    public async Task Officer_IsRefused()
    {
        Assert.Contains("只有分管领导可以使用此命令", (await _chat.SayAsync(TeamChat, Officer, "/heightened on 2h")).Text);
    }
}
