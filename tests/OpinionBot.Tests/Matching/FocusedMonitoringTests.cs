using Microsoft.Extensions.Time.Testing;
using OpinionBot.Matching;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Matching;

public sealed class FocusedMonitoringTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("opinionbot-watch-").FullName;

    [Theory]
    [InlineData("城南小学多名学生午餐后呕吐腹泻", "城南小学,学生午餐,呕吐,腹泻")]
    [InlineData("城东人民医院被指乱收费 患者家属投诉无门", "城东人民医院,患者家属,乱收费,投诉无门")]
    [InlineData("恒达建筑公司拖欠农民工工资近百万", "恒达建筑公司,农民工工资近百万,拖欠")]
    [InlineData("网友爆料：县中医院医生态度恶劣", "县中医院,网友爆料,医生,态度恶劣")]
    [InlineData("Workers protest unpaid wages at Riverside factory", "riverside,workers,factory,unpaid")]
    [InlineData("", "")]
    public void Extract_Title_NamesComeFirstThenPiecesThenKnownWords(string title, string expected)
    {
        var extractor = MatchingServices.KeyTerms(NegativeLexicon.Load(), [new TopicDefinition { Name = "t", Keywords = ["医生"] }]);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), extractor.Extract(title));
    }

    [Fact]
    public void Watch_IncidentTerms_MatchUntilTheyExpire()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        using var database = TestDatabases.Open(Path.Combine(_directory, "watch.db"));
        var matcher = new TopicMatcher([new TopicDefinition { Name = "欠薪", Keywords = ["欠薪"] }]);
        var options = new MatchingOptions { WatchDays = 3 };
        var focus = new FocusedMonitoring(database, matcher, time, options, Strings.Chinese);
        var later = new SourceItem("u", "城南小学食堂今日恢复供餐 呕吐学生均已出院", "", null);

        Assert.Empty(matcher.Match(later));
        focus.Watch(42, "2026-0042", ["城南小学", "呕吐", " "]);
        var watched = Assert.Single(matcher.Match(later));

        // A restart: a new matcher and component over the same file pick the watch up again.
        var restarted = new TopicMatcher([]);
        Assert.Equal(1, new FocusedMonitoring(database, restarted, time, options, Strings.Chinese).Refresh());
        Assert.Single(restarted.Match(later));

        time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, focus.Refresh());

        Assert.Equal("重点监控 2026-0042", watched.Topic);
        Assert.Equal(42, watched.WatchedIncidentId);
        Assert.Empty(matcher.Match(later));
        Assert.Equal(0, database.Read(s => s.WatchedStories.Count()));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
