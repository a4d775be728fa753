using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Matching;

public sealed class ItemJudgeTests
{
    [Fact]
    public void Judge_ThreeRepostsOnThreeSources_OneStoryGradeRaisedAndWorseningRecorded()
    {
        using var services = Services();
        var judge = services.GetRequiredService<ItemJudge>();
        var stories = services.GetRequiredService<StoryIndex>();
        var grader = services.GetRequiredService<Grader>();
        var strings = Text.Strings.Chinese;
        var t0 = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var incident = new Incident { Id = 1 };
        SourceItem[] reposts =
        [
            new("https://a.invalid/1", "恒达建筑公司拖欠农民工工资近百万", "四十余名农民工反映，在新区恒达建筑公司承建的工地被拖欠工资近百万元，今天聚集讨薪。", t0),
            new("https://b.invalid/2", "【转】恒达建筑拖欠农民工工资近百万元", "四十多名农民工称在新区恒达建筑公司承建的工地被拖欠工资近百万元，今天聚集讨薪。", t0.AddMinutes(20)),
            new("https://c.invalid/3", "农民工聚集讨薪 恒达建筑拖欠工资近百万", "四十余名农民工反映在新区恒达建筑公司承建的工地被拖欠工资近百万元，今天聚集讨薪。", t0.AddMinutes(50)),
        ];

        Worsening? worsening = null;
        for (var i = 0; i < reposts.Length; i++)
        {
            var judgement = judge.Judge(reposts[i])!;
            var discovered = t0.AddMinutes(5 + (30 * i));
            var storyId = stories.Find(judgement.Fingerprint, discovered) ?? incident.Id;
            stories.Add(storyId, judgement.Fingerprint, discovered);
            var before = StorySpread.Of(incident.Appearances, grader.SpreadWindow);
            var beforeGrade = incident.Grade;
            incident.Appearances.Add(new Appearance { SourceName = $"站点{i}", Url = reposts[i].Url, Published = reposts[i].Published, Discovered = discovered });
            var after = StorySpread.Of(incident.Appearances, grader.SpreadWindow);
            var assessment = GradeAssessment.KeepHigher(incident.Grade, incident.GradeReason,
                grader.Assess(new GradeInput(judgement.TopicGrade, judgement.Sentiment, Sources: after.Sources)));
            (incident.Grade, incident.GradeReason) = (assessment.Grade, assessment.Reason);
            worsening = i == 0 ? null : StorySpread.Compare(before, beforeGrade, after, incident.Grade, strings) ?? worsening;
            Assert.Equal(incident.Id, storyId);
            Assert.Equal("欠薪", Assert.Single(judgement.Topics).Topic);
            Assert.True(judgement.Sentiment.Negative);
        }

        Assert.Equal(Grade.Larger, incident.Grade);
        Assert.Equal("较大：负面 + 3 个来源 2 小时内", incident.GradeReason);
        Assert.Equal("传播扩大：2 → 3 个来源（2 小时内）；等级上调：一般 → 较大", worsening!.Description);
    }

    [Fact]
    public void Judge_UnrelatedItem_IsNotAnOpinionItem()
    {
        using var services = Services();

        Assert.Null(services.GetRequiredService<ItemJudge>().Judge(new SourceItem("u", "市图书馆举办读书节", "", null)));
    }

    [Fact]
    public void AddMatching_ResolvesEveryComponent()
    {
        using var services = Services();

        Assert.NotNull(services.GetRequiredService<FocusedMonitoring>());
        Assert.NotNull(services.GetRequiredService<KeyTermExtractor>());
        Assert.Equal(TimeSpan.FromHours(48), services.GetRequiredService<StoryIndex>().Window);
    }

    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestDatabases.Use(new Dictionary<string, string?>
        {
            ["Topics:0:Name"] = "欠薪",
            ["Topics:0:Rule"] = "(拖欠|欠薪|讨薪)+(工资|农民工)",
            ["Storage:Path"] = Path.Combine(Path.GetTempPath(), $"opinionbot-judge-{Guid.NewGuid():N}.db"),
        })).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOpinionBot(configuration);
        return services.BuildServiceProvider();
    }
}
