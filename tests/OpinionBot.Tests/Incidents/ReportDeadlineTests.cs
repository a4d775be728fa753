using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Tests.Reports;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>The one deadline rule the cards, the deadline watch, the ledger and the reports share.</summary>
public sealed class ReportDeadlineTests
{
    private static readonly DateTimeOffset Found = DateTimeOffset.Parse("2026-03-11T09:00:00+08:00");
    private static readonly DeadlineOptions Practice = new();

    [Theory]
    [InlineData(Grade.Major, 119, DeadlineState.Met)]
    [InlineData(Grade.Major, 120, DeadlineState.Met)]
    [InlineData(Grade.Major, 121, DeadlineState.Missed)]
    [InlineData(Grade.Larger, 180, DeadlineState.Met)]
    [InlineData(Grade.Larger, 181, DeadlineState.Missed)]
    [InlineData(Grade.General, 240, DeadlineState.Met)]
    [InlineData(Grade.General, 241, DeadlineState.Missed)]
    public void ReportState_ReportedAfterMinutes_MetOrMissedByGrade(Grade grade, int minutes, DeadlineState expected)
    {
        var incident = new Incident { Grade = grade, Discovered = Found, ReportedAt = Found.AddMinutes(minutes) };

        Assert.Equal(expected, ReportDeadline.ReportState(incident, Practice, Found.AddDays(1)));
    }

    [Fact]
    public void ReportState_NotReportedYet_PendingThenMissedAndOverdue()
    {
        var incident = new Incident { Grade = Grade.Major, Discovered = Found };

        Assert.Equal(DeadlineState.Pending, ReportDeadline.ReportState(incident, Practice, Found.AddHours(2)));
        Assert.False(ReportDeadline.IsOverdue(incident, Practice, Found.AddHours(2)));
        Assert.Equal(DeadlineState.Missed, ReportDeadline.ReportState(incident, Practice, Found.AddHours(2).AddSeconds(1)));
        Assert.True(ReportDeadline.IsOverdue(incident, Practice, Found.AddHours(2).AddSeconds(1)));
    }

    [Fact]
    public void ReportState_ReportedAfterTheMomentJudged_CountsAsNotDoneYet()
    {
        var incident = new Incident { Grade = Grade.General, Discovered = Found, ReportedAt = Found.AddHours(5) };

        Assert.Equal(DeadlineState.Missed, ReportDeadline.ReportState(incident, Practice, Found.AddHours(4.5)));
        Assert.True(ReportDeadline.IsOverdue(incident, Practice, Found.AddHours(4.5)));
        Assert.False(ReportDeadline.IsOverdue(incident, Practice, Found.AddHours(6)));
    }

    [Fact]
    public void ClaimState_NegativeItem_MustBeClaimedWithinAnHour()
    {
        var negative = new Incident { Negative = true, Discovered = Found, ClaimedAt = Found.AddMinutes(61) };
        var neutral = new Incident { Negative = false, Discovered = Found };

        Assert.Equal(DeadlineState.Missed, ReportDeadline.ClaimState(negative, Practice, Found.AddDays(1)));
        Assert.Equal(DeadlineState.NotApplicable, ReportDeadline.ClaimState(neutral, Practice, Found.AddDays(1)));
        Assert.Equal(Found.AddHours(1), ReportDeadline.ClaimDue(negative, Practice));
        Assert.False(ReportDeadline.ClaimMet(negative, Practice, Found.AddDays(1)));
        Assert.Null(ReportDeadline.ClaimMet(neutral, Practice, Found.AddDays(1)));
    }

    [Fact]
    public void States_FalseAlarmNeverReported_NotApplicable()
    {
        var incident = new Incident { Discovered = Found, Status = IncidentStatus.FalseAlarm, Negative = true };

        Assert.Equal(DeadlineState.NotApplicable, ReportDeadline.ReportState(incident, Practice, Found.AddDays(1)));
        Assert.Equal(DeadlineState.NotApplicable, ReportDeadline.ClaimState(incident, Practice, Found.AddDays(1)));
        Assert.False(ReportDeadline.IsOverdue(incident, Practice, Found.AddDays(1)));
        Assert.Null(ReportDeadline.ReportMet(incident, Practice, Found.AddDays(1)));
    }

    [Fact]
    public void ConfiguredWindows_DecideTheStates_AndTheReportsAndLedgerFollowThem()
    {
        // An office that reports 重大 within 1 hour and claims negative items within 30 minutes.
        var strict = new DeadlineOptions { Major = TimeSpan.FromHours(1), NegativeClaim = TimeSpan.FromMinutes(30) };
        var incident = new Incident
        {
            Number = "2026-0001",
            Grade = Grade.Major,
            Negative = true,
            Discovered = Found,
            ClaimedAt = Found.AddMinutes(40),
            ReportedAt = Found.AddMinutes(90),
            Status = IncidentStatus.Reported,
        };
        var later = Found.AddDays(1);

        Assert.Equal(DeadlineState.Met, ReportDeadline.ReportState(incident, Practice, later));
        Assert.Equal(DeadlineState.Missed, ReportDeadline.ReportState(incident, strict, later));
        Assert.Equal(DeadlineState.Missed, ReportDeadline.ClaimState(incident, strict, later));

        var day = DateOnly.FromDateTime(Found.DateTime);
        var report = ReportBuilder.Daily([incident], day, Strings.Chinese, ReportFixtures.Zone, strict, later);
        Assert.Equal(new DeadlineShare(0, 1), report.Summary.ReportDeadlines[Grade.Major]);
        Assert.Contains("重大1小时", report.Html);
        Assert.Contains("负面舆情30分钟内认领", report.Html);

        var row = Assert.Single(new LedgerExporter(Strings.Chinese, ReportFixtures.Zone, strict).Rows([incident], day, day, later));
        Assert.Contains("（超时", row.ReportDeadline);
        Assert.Contains("（超时", row.ClaimDeadline);
    }
}
