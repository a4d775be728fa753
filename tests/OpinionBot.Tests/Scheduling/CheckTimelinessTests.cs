using OpinionBot.Commands;
using OpinionBot.Scheduling;
using OpinionBot.Tests.Commands;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Xunit;

namespace OpinionBot.Tests.Scheduling;

/// <summary>A check that starts later than its interval after it was due is late: counted, and shown by /status.</summary>
public sealed class CheckTimelinessTests : IDisposable
{
    private readonly ServiceTestBed _bed = new(new()
    {
        ["Sources:0:Name"] = "县新闻",
        ["Sources:0:Kind"] = "feed",
        ["Sources:0:Url"] = "https://news.invalid/rss",
        ["Sources:0:Schedule"] = "every 1m",
        ["Sources:1:Name"] = "市论坛",
        ["Sources:1:Kind"] = "feed",
        ["Sources:1:Url"] = "https://bbs.invalid/rss",
        ["Sources:1:Schedule"] = "every 1m",
    });

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void CheckStartedWithinItsInterval_IsOnTime()
    {
        var timeliness = _bed.Get<CheckTimeliness>();
        timeliness.Fire("县新闻", _bed.Time.GetUtcNow(), _bed.Time.GetUtcNow().AddMinutes(1), TimeSpan.FromMinutes(1));
        _bed.Time.Advance(TimeSpan.FromSeconds(50));

        Assert.Equal(TimeSpan.FromSeconds(50), timeliness.Start("县新闻"));
        Assert.False(timeliness.Standing("县新闻").Late);
        Assert.Equal(0, timeliness.Late);
    }

    [Fact]
    public void CheckWaitingLongerThanItsInterval_IsLateWhileItWaits_AndCountedWhenItStarts()
    {
        var timeliness = _bed.Get<CheckTimeliness>();
        timeliness.Fire("县新闻", _bed.Time.GetUtcNow(), _bed.Time.GetUtcNow().AddMinutes(1), TimeSpan.FromMinutes(1));
        _bed.Time.Advance(TimeSpan.FromMinutes(3));

        Assert.True(timeliness.Standing("县新闻").Late);
        Assert.Equal(TimeSpan.FromMinutes(3), timeliness.Start("县新闻"));
        Assert.Equal(1, timeliness.Late);
        Assert.Equal(TimeSpan.FromMinutes(3), timeliness.Standing("县新闻").LateBy);
    }

    [Fact]
    public void FiringRescheduledByAMisfire_IsJudgedFromWhenItWasFirstDue()
    {
        var timeliness = _bed.Get<CheckTimeliness>();
        var due = _bed.Time.GetUtcNow();
        timeliness.Fire("县新闻", due, due.AddMinutes(1), TimeSpan.FromMinutes(1));
        timeliness.Start("县新闻");

        // Quartz could not fire at due+1m; with "fire now" it fires at due+3m and calls that the scheduled time.
        _bed.Time.Advance(TimeSpan.FromMinutes(3));
        timeliness.Fire("县新闻", _bed.Time.GetUtcNow(), _bed.Time.GetUtcNow().AddMinutes(1), TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromMinutes(2), timeliness.Start("县新闻"));
        Assert.Equal(1, timeliness.Late);
    }

    [Fact]
    public void Status_ShowsASummary_AndTheLateSourceWithHowLate()
    {
        var timeliness = _bed.Get<CheckTimeliness>();
        timeliness.Fire("市论坛", _bed.Time.GetUtcNow(), _bed.Time.GetUtcNow().AddMinutes(1), TimeSpan.FromMinutes(1));
        _bed.Time.Advance(TimeSpan.FromMinutes(5));

        var status = Status();

        Assert.Contains("按时 0 · ⏰ 迟到 1 · ⚠️ 失败 0 · ⏳ 未检查 1 · ⏸ 暂停 0", status, StringComparison.Ordinal);
        var line = status.Split('\n').Single(l => l.Contains("市论坛", StringComparison.Ordinal));
        Assert.Contains("检查迟到 5 分钟", line, StringComparison.Ordinal);
        Assert.DoesNotContain("迟到", status.Split('\n').Single(l => l.Contains("县新闻", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private string Status()
    {
        var router = _bed.Get<CommandRouter>();
        var message = new Message
        {
            Id = 1,
            Date = _bed.Time.GetUtcNow().UtcDateTime,
            Chat = new Telegram.Bot.Types.Chat { Id = ServiceTestBed.TeamChat, Type = ChatType.Supergroup },
            From = new User { Id = ServiceTestBed.Officer, FirstName = "张三" },
            Text = "/status",
        };
        _bed.Database.Write(_ => router.TryHandle(message));
        return _bed.Sent(ServiceTestBed.TeamChat).Last();
    }
}
