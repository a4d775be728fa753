using OpinionBot.Incidents;
using OpinionBot.Reports;
using Xunit;

namespace OpinionBot.Tests.Reports;

public sealed class PeriodStatisticsTests
{
    private static readonly ReportPeriod March = ReportPeriod.MonthContaining(new DateOnly(2026, 3, 15));

    private static PeriodSummary MarchSummary() =>
        PeriodStatistics.Compute(ReportFixtures.March(), March, ReportFixtures.Zone, ReportFixtures.Deadlines, ReportFixtures.Later);

    [Fact]
    public void Compute_March_CountsByGradeTopicSourceAndDepartment()
    {
        var summary = MarchSummary();

        Assert.Equal((6, 4, 1, 2), (summary.Total, summary.Negative, summary.FalseAlarms, summary.StillOpen));
        Assert.Equal((2, 1, 3), (summary.ByGrade[Grade.Major], summary.ByGrade[Grade.Larger], summary.ByGrade[Grade.General]));
        Assert.Equal([new Tally("医院投诉", 4), new Tally("教育", 2), new Tally("", 1)], summary.ByTopic);
        Assert.Equal([new Tally("微博", 2), new Tally("本地论坛", 2), new Tally("新闻网", 1), new Tally("贴吧", 1)], summary.BySource);
        Assert.Equal([new Tally("", 3), new Tally("卫健委", 2), new Tally("教育局", 1)], summary.ByDepartment);
    }

    [Fact]
    public void Compute_March_MediansOfClaimReportAndResolve()
    {
        var summary = MarchSummary();

        Assert.Equal(TimeSpan.FromMinutes(30), summary.MedianToClaim);
        Assert.Equal(TimeSpan.FromMinutes(180), summary.MedianToReport);
        Assert.Equal(TimeSpan.FromHours(17), summary.MedianToResolve); // (10 h + 24 h) / 2 of 6, 10, 24, 48
    }

    [Fact]
    public void Compute_March_DeadlineSharesPerGrade()
    {
        var summary = MarchSummary();

        Assert.Equal(new DeadlineShare(2, 2), summary.ReportDeadlines[Grade.Major]);
        Assert.Equal(new DeadlineShare(0, 1), summary.ReportDeadlines[Grade.Larger]);
        Assert.Equal(new DeadlineShare(1, 3), summary.ReportDeadlines[Grade.General]);
        Assert.Equal(new DeadlineShare(3, 4), summary.ClaimDeadlines);
        Assert.Equal(0.75, summary.ClaimDeadlines.Share);
    }

    [Fact]
    public void Compute_March_DaysAndBusiestDays()
    {
        var summary = MarchSummary();

        Assert.Equal(31, summary.Days.Count);
        Assert.Equal(new DayCount(new DateOnly(2026, 3, 3), 2, 0, 1), summary.Days[2]);
        Assert.Equal(new DayCount(new DateOnly(2026, 3, 31), 1, 0, 0), summary.Days[30]);
        Assert.Equal([new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 31)], summary.BusiestDays.Select(d => d.Day));
    }

    [Fact]
    public void Compute_AsOfAnEarlierMoment_LaterStepsHaveNotHappenedYet()
    {
        // At 17:30 on 3 March: 0004 was due at 15:00 and reported only at 19:00, so it is missed, not met.
        var day = ReportPeriod.Day(new DateOnly(2026, 3, 3));
        var summary = PeriodStatistics.Compute(ReportFixtures.March(), day, ReportFixtures.Zone, ReportFixtures.Deadlines, ReportFixtures.At("2026-03-03 17:30"));

        Assert.Equal(3, summary.Total);
        Assert.Equal(3, summary.StillOpen);
        Assert.Equal(new DeadlineShare(1, 2), summary.ReportDeadlines[Grade.General]);
        Assert.Equal(new DeadlineShare(1, 1), summary.ReportDeadlines[Grade.Major]);
        Assert.Equal(TimeSpan.FromMinutes(120), summary.MedianToReport); // 0003 took 180 min and 0005 60; 0004 not yet reported
    }

    [Theory]
    [InlineData(new long[0], null)]
    [InlineData(new long[] { 5 }, 5L)]
    [InlineData(new long[] { 9, 1, 5 }, 5L)]
    [InlineData(new long[] { 4, 1, 3, 2 }, 2L)]
    public void Median_Ticks_MiddleValue(long[] ticks, long? expected) =>
        Assert.Equal(expected is { } e ? TimeSpan.FromTicks(e) : null, PeriodStatistics.Median([.. ticks]));
}
