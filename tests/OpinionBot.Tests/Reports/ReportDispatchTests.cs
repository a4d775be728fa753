using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Reports.Documents;
using OpinionBot.Tests.Support;
using OpinionBot.Text;
using Xunit;
using static OpinionBot.Tests.Reports.ReportFixtures;

namespace OpinionBot.Tests.Reports;

/// <summary>Scheduled and on-demand reports into the outbox, with a fake clock and a real LiteDB file.</summary>
public sealed class ReportDispatchTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void SendScheduled_DailyRun_QueuesTheDayToSupervisorsOnce_EvenAfterARestart()
    {
        using var bed = Seeded(At("2026-03-03 17:30"));

        var sent = bed.Dispatch.SendScheduled(ReportKind.Daily, bed.Time.GetUtcNow());

        Assert.Equal(ReportPeriod.Day(new DateOnly(2026, 3, 3)), sent);
        var messages = bed.Outbox();
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Equal(ReportTestBed.Supervisors, m.ChatId));
        Assert.All(messages, m => Assert.Equal(OutboxKind.Send, m.Kind));
        Assert.Contains("舆情日报 2026-03-03", messages[0].Text);
        Assert.Contains("截至 2026-03-03 17:30", messages[0].Text);
        Assert.Contains("今日新增舆情 3 起", messages[0].Text);

        Assert.Null(bed.Dispatch.SendScheduled(ReportKind.Daily, bed.Time.GetUtcNow()));
        bed.Restart();
        Assert.Null(bed.Dispatch.SendScheduled(ReportKind.Daily, bed.Time.GetUtcNow()));
        Assert.Equal(messages.Count, bed.Outbox().Count);
    }

    [Fact]
    public void SendScheduled_WeeklyFiringLateOnTuesday_ReportsTheWeekBeforeMondaysRun_WithTheChartAsAPhoto()
    {
        // Monday 2026-03-09 09:00 was missed; the firing comes on Tuesday morning.
        using var bed = Seeded(At("2026-03-10 08:00"));

        var sent = bed.Dispatch.SendScheduled(ReportKind.Weekly, bed.Time.GetUtcNow());

        Assert.Equal(new ReportPeriod(ReportKind.Weekly, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8)), sent);
        var messages = bed.Outbox();
        Assert.Contains("舆情周报 2026-03-02 至 2026-03-08", messages[0].Text);
        Assert.Contains("共发现舆情 5 起", messages[0].Text);
        var photo = Assert.Single(messages, m => m.Kind == OutboxKind.Photo);
        Assert.Same(photo, messages[^1]); // the chart follows the text
        Assert.Equal(ReportTestBed.Supervisors, photo.ChatId);
        Assert.Equal("trend-20260302-20260308.png", photo.FileName);
        Assert.Null(photo.FileId); // only the order: the sender draws the chart, outside this transaction
        Assert.Equal(DocumentKind.TrendChart, photo.Document!.Kind);
        Assert.Equal(7, photo.Document.Chart!.Count);
        Assert.Equal(5, photo.Document.Chart.Sum(d => d.General + d.Larger + d.Major)); // the counts the text was written from
        Assert.Equal(PngSignature, DocumentMaker.Chart(photo.Document, Strings.Chinese)[..8]);
        Assert.Contains("舆情周报", photo.Text);
    }

    [Fact]
    public void SendScheduled_MonthlyRunOnTheFirst_ReportsTheMonthBefore()
    {
        using var bed = Seeded(At("2026-04-01 09:00"));

        var sent = bed.Dispatch.SendScheduled(ReportKind.Monthly, bed.Time.GetUtcNow());

        Assert.Equal(ReportPeriod.MonthContaining(new DateOnly(2026, 3, 1)), sent);
        Assert.Contains("舆情月报 2026年3月", bed.Outbox()[0].Text);
        Assert.Contains("共发现舆情 6 起", bed.Outbox()[0].Text);
        Assert.Single(bed.Outbox(), m => m.Kind == OutboxKind.Photo);
    }

    [Fact]
    public void SendScheduled_NoSupervisorsChat_GoesToTheTeam()
    {
        using var bed = new ReportTestBed(At("2026-03-03 17:30"), supervisors: 0);

        bed.Dispatch.SendScheduled(ReportKind.Daily, bed.Time.GetUtcNow());

        Assert.All(bed.Outbox(), m => Assert.Equal(ReportTestBed.Team, m.ChatId));
        Assert.Contains("今日新增舆情 0 起", bed.Outbox()[0].Text);
    }

    [Fact]
    public void MissedPeriod_OnlyTheLatestUnsentRunSinceFirstScheduled()
    {
        using var bed = Seeded(At("2026-03-04 09:00"));
        var daily3 = ReportPeriod.Day(new DateOnly(2026, 3, 3));

        Assert.Equal(daily3, bed.Dispatch.MissedPeriod(ReportKind.Daily, At("2026-03-01 08:00")));
        Assert.Null(bed.Dispatch.MissedPeriod(ReportKind.Daily, At("2026-03-03 18:00"))); // installed after that run

        bed.Dispatch.SendScheduled(ReportKind.Daily, bed.Time.GetUtcNow());
        Assert.True(bed.Dispatch.WasSent(daily3));
        Assert.Null(bed.Dispatch.MissedPeriod(ReportKind.Daily, At("2026-03-01 08:00")));
    }

    [Fact]
    public void Send_OnDemandForAPastDay_IsAsOfTheEndOfThatDay_AndIsNotRecordedAsTheScheduledRun()
    {
        using var bed = Seeded(Later);

        var report = bed.Dispatch.Send(ReportKind.Daily, new DateOnly(2026, 3, 3), chatId: 42);
        bed.Dispatch.Send(ReportKind.Daily, new DateOnly(2026, 3, 3), chatId: 42);

        Assert.Contains("截至 2026-03-03 23:59", report.Html);
        // 0007 (April) is open today but was not on 3 March.
        Assert.DoesNotContain(report.Daily!.Open, i => i.Number == "2026-0007");
        Assert.Equal(2 * report.Messages.Count, bed.Outbox().Count(m => m.ChatId == 42));
        Assert.False(bed.Dispatch.WasSent(report.Period));
    }

    [Fact]
    public void SendScheduled_LongDailyReport_IsSplitUnderTheTelegramLimit()
    {
        using var bed = new ReportTestBed(At("2026-03-03 17:30"));
        var found = At("2026-03-03 09:00");
        bed.Database.AddIncidents(Enumerable.Range(1, 40).Select(n => new Incident
        {
            Number = $"2026-{n:0000}",
            Title = $"县医院第{n}号投诉：" + new string('长', 150),
            Url = $"https://forum.example.invalid/t/{n}",
            SourceName = "本地论坛",
            Topics = ["医院投诉"],
            Discovered = found.AddMinutes(n),
            Grade = Grade.Major,
            Negative = true,
        }));
        bed.Reports.TopItems = 30;

        bed.Dispatch.SendScheduled(ReportKind.Daily, bed.Time.GetUtcNow());

        var messages = bed.Outbox();
        Assert.True(messages.Count >= 3, $"{messages.Count} messages");
        Assert.All(messages, m => Assert.InRange(m.Text.Length, 1, 4096));
    }

    private static ReportTestBed Seeded(DateTimeOffset now)
    {
        var bed = new ReportTestBed(now);
        bed.Database.AddIncidents(March());
        return bed;
    }
}
