using OpinionBot.Incidents;
using OpinionBot.Scheduling;
using OpinionBot.Tests.Commands;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Scheduling;

/// <summary>A check stores everything it learnt (items, incidents and their cards, health) in one transaction.</summary>
public sealed class CheckTransactionTests : IAsyncLifetime
{
    private TestSite _site = null!;
    private ServiceTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        _bed = new ServiceTestBed(new()
        {
            ["Sources:0:Name"] = "县新闻",
            ["Sources:0:Kind"] = "feed",
            ["Sources:0:Url"] = _site.Url("/feed.xml"),
            ["Topics:0:Name"] = "医院投诉",
            ["Topics:0:Keywords:0"] = "医院",
            ["Fetching:AllowList:0"] = "127.0.0.0/8",
            ["Fetching:MinIntervalPerHost"] = "00:00:00", // the test clock stands still
        });
    }

    public async Task DisposeAsync()
    {
        _bed.Dispose();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task CheckWithManyNewItems_IsOneTransaction_AndTheSamePageAgainWritesOnlyItsHealth_AtMostOnceAMinute()
    {
        var now = _bed.Time.GetUtcNow();
        var stories = new[] { "县医院挂号排队三小时", "市医院停车收费过高", "镇医院夜间无人值班", "新区医院食堂卫生差" };
        _site.Set("/feed.xml", TestFeeds.Rss([.. Enumerable.Range(0, 40).Select(i => (
            i < stories.Length ? $"{stories[i]}，网友{i}反映" : $"第{i}条：今天天气晴朗",
            _site.Url($"/item/{i}"), now.AddMinutes(-i), i < stories.Length ? stories[i] : "天气"))]));
        var check = _bed.Get<SourceCheck>();
        var commits = _bed.Database.Commits;

        await check.RunAsync("县新闻", CancellationToken.None);

        Assert.Equal(commits + 1, _bed.Database.Commits);
        Assert.Equal(40, _bed.Database.Read(s => s.SeenItems.Count()));
        Assert.Equal(4, _bed.Database.Read(s => s.Incidents.Count()));
        Assert.Equal(4, _bed.Sent(ServiceTestBed.TeamChat).Count);

        commits = _bed.Database.Commits;
        await check.RunAsync("县新闻", CancellationToken.None);
        Assert.Null(_bed.Database.Read(s => s.SourceHealth.Find("县新闻")!.LastError));
        Assert.Equal(commits, _bed.Database.Commits); // same bytes, healthy, health stored just now: nothing to write

        _bed.Time.Advance(TimeSpan.FromMinutes(2));
        await check.RunAsync("县新闻", CancellationToken.None);
        Assert.Equal(commits + 1, _bed.Database.Commits);
        Assert.Equal(_bed.Time.GetUtcNow(), _bed.Database.Read(s => s.SourceHealth.Find("县新闻")!.LastCheck));
        Assert.Equal(4, _bed.Database.Read(s => s.Incidents.WithStatus(IncidentStatus.New).Count));
    }
}
