using OpinionBot.Incidents;
using OpinionBot.Reports;
using Xunit;

namespace OpinionBot.Tests.Reports;

public sealed class ReportDeadlinesTests
{
    private static readonly DateTimeOffset Found = DateTimeOffset.Parse("2026-03-11T09:00:00+08:00");

    [Theory]
    [InlineData(Grade.Major, 119, DeadlineState.Met)]
    [InlineData(Grade.Major, 120, DeadlineState.Met)]
    [InlineData(Grade.Major, 121, DeadlineState.Missed)]
    [InlineData(Grade.Larger, 180, DeadlineState.Met)]
    [InlineData(Grade.Larger, 181, DeadlineState.Missed)]
    [InlineData(Grade.General, 240, DeadlineState.Met)]
    [InlineData(Grade.General, 241, DeadlineState.Missed)]
    public void Report_ReportedAfterMinutes_MetOrMissedByGrade(Grade grade, int minutes, DeadlineState expected)
    {
        var incident = new Incident { Grade = grade, Discovered = Found, ReportedAt = Found.AddMinutes(minutes) };

        Assert.Equal(expected, ReportDeadlines.Report(incident, Found.AddDays(1)));
    }

    [Fact]
    public void Report_NotReportedYet_PendingThenMissedAndOverdue()
    {
        var incident = new Incident { Grade = Grade.Major, Discovered = Found };

        Assert.Equal(DeadlineState.Pending, ReportDeadlines.Report(incident, Found.AddHours(2)));
        Assert.False(ReportDeadlines.IsOverdue(incident, Found.AddHours(2)));
        Assert.Equal(DeadlineState.Missed, ReportDeadlines.Report(incident, Found.AddHours(2).AddSeconds(1)));
        Assert.True(ReportDeadlines.IsOverdue(incident, Found.AddHours(2).AddSeconds(1)));
    }

    [Fact]
    public void Claim_NegativeItem_MustBeClaimedWithinAnHour()
    {
        var negative = new Incident { Negative = true, Discovered = Found, ClaimedAt = Found.AddMinutes(61) };
        var neutral = new Incident { Negative = false, Discovered = Found };

        Assert.Equal(DeadlineState.Missed, ReportDeadlines.Claim(negative, Found.AddDays(1)));
        Assert.Equal(DeadlineState.NotApplicable, ReportDeadlines.Claim(neutral, Found.AddDays(1)));
        Assert.Equal(Found.AddHours(1), ReportDeadlines.ClaimDue(negative));
    }

    [Fact]
    public void Report_FalseAlarmNeverReported_NotApplicable()
    {
        var incident = new Incident { Discovered = Found, Status = IncidentStatus.FalseAlarm, Negative = true };

        Assert.Equal(DeadlineState.NotApplicable, ReportDeadlines.Report(incident, Found.AddDays(1)));
        Assert.Equal(DeadlineState.NotApplicable, ReportDeadlines.Claim(incident, Found.AddDays(1)));
        Assert.False(ReportDeadlines.IsOverdue(incident, Found.AddDays(1)));
    }
}
