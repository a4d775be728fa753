using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Matching;

public sealed class StorySpreadTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Theory]
    // "source@published-minutes/discovered-minutes"; published "-" means the site gave no time.
    [InlineData("", 0, 0)]
    [InlineData("论坛@0/5", 1, 1)]
    [InlineData("论坛@0/5 论坛@10/15", 1, 1)]
    [InlineData("论坛@0/5 新闻网@30/40 贴吧@90/95", 3, 3)]
    [InlineData("论坛@0/5 新闻网@100/110 贴吧@200/205", 2, 3)]
    [InlineData("论坛@-/0 新闻网@-/60 贴吧@-/119", 3, 3)]
    [InlineData("论坛@-/0 新闻网@-/60 贴吧@-/121", 2, 3)]
    public void Of_Appearances_CountsDistinctSourcesWithinWindow(string appearances, int sources, int total)
    {
        var spread = StorySpread.Of(Parse(appearances), TwoHours);

        Assert.Equal(sources, spread.Sources);
        Assert.Equal(total, spread.TotalSources);
    }

    [Fact]
    public void Of_Appearances_FirstPublisherIsEarliestPublishedNotEarliestFound()
    {
        var spread = StorySpread.Of(Parse("新闻网@50/55 论坛@-/1 贴吧@20/100"), TwoHours);

        Assert.Equal(new FirstPublisher("贴吧", T0.AddMinutes(20), "u2", false), spread.First);
    }

    [Fact]
    public void Of_NoPublishTimes_FirstPublisherComesFromDiscovery()
    {
        var spread = StorySpread.Of(Parse("新闻网@-/50 论坛@-/10"), TwoHours);

        Assert.Equal(new FirstPublisher("论坛", T0.AddMinutes(10), "u1", true), spread.First);
    }

    [Fact]
    public void Compare_SpreadAndGradeRose_DescribesBothChanges()
    {
        var before = StorySpread.Of(Parse("论坛@0/5"), TwoHours);
        var after = StorySpread.Of(Parse("论坛@0/5 新闻网@30/40 贴吧@60/65"), TwoHours);

        var zh = StorySpread.Compare(before, Grade.General, after, Grade.Larger, Strings.Chinese);
        var en = StorySpread.Compare(before, Grade.General, after, Grade.Larger, Strings.English);

        Assert.Equal("传播扩大：1 → 3 个来源（2 小时内）；等级上调：一般 → 较大", zh!.Description);
        Assert.Equal("spread widened: 1 → 3 sources (within 2 hours); grade raised: General → Larger", en!.Description);
        Assert.True(zh.SpreadRose && zh.GradeRose);
    }

    [Fact]
    public void Compare_SameSourceAgain_IsNotWorsening()
    {
        var before = StorySpread.Of(Parse("论坛@0/5"), TwoHours);
        var after = StorySpread.Of(Parse("论坛@0/5 论坛@20/25"), TwoHours);

        Assert.Null(StorySpread.Compare(before, Grade.Larger, after, Grade.Larger, Strings.Chinese));
    }

    private static List<Appearance> Parse(string appearances) =>
    [
        .. appearances.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((part, i) =>
        {
            var (source, times) = (part.Split('@')[0], part.Split('@')[1].Split('/'));
            return new Appearance
            {
                SourceName = source,
                Url = $"u{i}",
                Published = times[0] == "-" ? null : T0.AddMinutes(int.Parse(times[0])),
                Discovered = T0.AddMinutes(int.Parse(times[1])),
            };
        }),
    ];
}
