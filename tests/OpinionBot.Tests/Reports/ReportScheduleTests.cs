using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpinionBot.Reports;
using Xunit;

namespace OpinionBot.Tests.Reports;

public sealed class ReportScheduleTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Theory]
    // Wednesday 2026-03-11 in Beijing.
    [InlineData("2026-03-11T10:00:00+08:00", ReportKind.Daily, "2026-03-11T17:30:00+08:00")]
    [InlineData("2026-03-11T17:30:00+08:00", ReportKind.Daily, "2026-03-12T17:30:00+08:00")]
    [InlineData("2026-03-11T18:00:00+08:00", ReportKind.Daily, "2026-03-12T17:30:00+08:00")]
    [InlineData("2026-03-11T10:00:00+08:00", ReportKind.Weekly, "2026-03-16T09:00:00+08:00")]
    [InlineData("2026-03-16T08:59:00+08:00", ReportKind.Weekly, "2026-03-16T09:00:00+08:00")]
    [InlineData("2026-03-11T10:00:00+08:00", ReportKind.Monthly, "2026-04-01T09:00:00+08:00")]
    [InlineData("2026-12-01T09:00:01+08:00", ReportKind.Monthly, "2027-01-01T09:00:00+08:00")]
    // 23:00 UTC on the 31st is already the 1st in Beijing.
    [InlineData("2026-03-31T23:00:00+00:00", ReportKind.Monthly, "2026-04-01T09:00:00+08:00")]
    public void Next_DefaultOptions_IsTheNextRunInBeijing(string now, ReportKind kind, string expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(now));
        var schedule = new ReportSchedule(Options.Create(new ReportsOptions()), time);

        var next = schedule.Next(kind);

        Assert.Equal(DateTimeOffset.Parse(expected), next);
        Assert.Equal(Beijing, ZonedTime.Local(next, new ReportsOptions().ResolveZone()).Offset);
    }

    [Theory]
    // Wednesday 2026-03-11 in Beijing; a run at the very instant counts as that run.
    [InlineData("2026-03-11T17:30:00+08:00", ReportKind.Daily, "2026-03-11T17:30:00+08:00")]
    [InlineData("2026-03-11T17:29:59+08:00", ReportKind.Daily, "2026-03-10T17:30:00+08:00")]
    [InlineData("2026-03-12T09:00:00+08:00", ReportKind.Daily, "2026-03-11T17:30:00+08:00")]
    [InlineData("2026-03-17T10:00:00+08:00", ReportKind.Weekly, "2026-03-16T09:00:00+08:00")]
    [InlineData("2026-03-16T08:59:59+08:00", ReportKind.Weekly, "2026-03-09T09:00:00+08:00")]
    [InlineData("2026-03-01T08:00:00+08:00", ReportKind.Monthly, "2026-02-01T09:00:00+08:00")]
    [InlineData("2026-03-31T23:00:00+00:00", ReportKind.Monthly, "2026-03-01T09:00:00+08:00")]
    public void Previous_DefaultOptions_IsTheLastRunAtOrBefore(string at, ReportKind kind, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected), ReportSchedule.Previous(kind, DateTimeOffset.Parse(at), new ReportsOptions()));
    }

    [Fact]
    public void Next_AsTheClockAdvances_FollowsTheConfiguredTimes()
    {
        var options = new ReportsOptions { DailyAt = new TimeOnly(16, 45), DailyOnWeekends = false };
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-13T17:00:00+08:00")); // a Friday after the run
        var schedule = new ReportSchedule(Options.Create(options), time);

        Assert.Equal(DateTimeOffset.Parse("2026-03-16T16:45:00+08:00"), schedule.Next(ReportKind.Daily));

        time.SetUtcNow(DateTimeOffset.Parse("2026-03-16T16:45:00+08:00"));
        Assert.Equal(DateTimeOffset.Parse("2026-03-17T16:45:00+08:00"), schedule.Next(ReportKind.Daily));
    }

    [Fact]
    public void Next_ZoneWithDaylightSaving_SkipsTheMissingHour()
    {
        var options = new ReportsOptions { TimeZone = "Europe/Berlin", DailyAt = new TimeOnly(2, 30) };

        // 2026-03-29 02:30 does not exist in Berlin; the run moves past the gap to 03:00 CEST.
        var next = ReportSchedule.Next(ReportKind.Daily, DateTimeOffset.Parse("2026-03-29T00:00:00+01:00"), options);

        Assert.Equal(DateTimeOffset.Parse("2026-03-29T03:00:00+02:00"), next);
    }

    [Theory]
    [InlineData(ReportKind.Daily, "0 30 17 ? * *")]
    [InlineData(ReportKind.Weekly, "0 0 9 ? * MON")]
    [InlineData(ReportKind.Monthly, "0 0 9 1 * ?")]
    public void Cron_DefaultOptions_MatchesTheSchedule(ReportKind kind, string expected) =>
        Assert.Equal(expected, ReportSchedule.Cron(kind, new ReportsOptions()));

    [Theory]
    [InlineData(ReportKind.Daily, "2026-03-11", "2026-03-11", "2026-03-11")]
    [InlineData(ReportKind.Weekly, "2026-03-16", "2026-03-09", "2026-03-15")]
    [InlineData(ReportKind.Monthly, "2026-03-01", "2026-02-01", "2026-02-28")]
    [InlineData(ReportKind.Monthly, "2026-01-01", "2025-12-01", "2025-12-31")]
    public void ScheduledOn_RunDay_CoversThePreviousPeriod(ReportKind kind, string runDay, string first, string last)
    {
        var period = ReportPeriod.ScheduledOn(kind, DateOnly.Parse(runDay));

        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), (period.First, period.Last));
    }
}
