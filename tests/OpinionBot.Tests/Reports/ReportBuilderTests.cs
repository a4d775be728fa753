using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Reports;

public sealed class ReportBuilderTests
{
    private static readonly DateTimeOffset DailyAt = ReportFixtures.At("2026-03-03 17:30");

    [Fact]
    public void Daily_AtHalfPastFive_CountsTodayListsOpenOverdueAndTop()
    {
        var report = ReportBuilder.Daily(ReportFixtures.March(), new DateOnly(2026, 3, 3), Strings.Chinese, ReportFixtures.Zone, ReportFixtures.Deadlines, DailyAt);

        Assert.Equal(3, report.Summary.Total);
        Assert.Equal(["2026-0005", "2026-0003", "2026-0004"], report.Daily!.Open.Select(i => i.Number));
        Assert.Equal(["2026-0004"], report.Daily.Overdue.Select(i => i.Number));
        Assert.Equal(["2026-0005", "2026-0004", "2026-0003"], report.Daily.Top.Select(i => i.Number));
        Assert.False(report.HasChart);

        var html = report.Html;
        Assert.StartsWith("<b>舆情日报 2026-03-03</b>\n截至 2026-03-03 17:30\n今日新增舆情 3 起（负面 2 起）", html);
        Assert.Contains("按等级：重大 1 · 较大 0 · 一般 2", html);
        Assert.Contains("按话题：医院投诉 2 · 教育 2", html);
        Assert.Contains("：重大 100%（1/1） · 较大 — · 一般 50%（1/2）", html);
        Assert.Contains("负面舆情1小时内认领：100%（2/2）", html);
        Assert.Contains("<b>尚未办结 3 起，其中超时 1 起</b>", html);
        Assert.Contains("⚠️ [一般] 2026-0004 <a href=\"https://forum.example.invalid/t/4\">测试舆情 4</a> — 本地论坛 · 教育、医院投诉 · 处置中 · 超时未上报", html);
        Assert.Contains("1. [重大] 2026-0005 <a href=\"https://forum.example.invalid/t/5\">测试舆情 5</a>", html);
        Assert.Single(report.Messages);
    }

    [Fact]
    public void Monthly_March_TextCarriesTheKnownNumbersAndAChart()
    {
        var report = ReportBuilder.Monthly(ReportFixtures.March(), new DateOnly(2026, 3, 20), Strings.Chinese, ReportFixtures.Zone, ReportFixtures.Deadlines, ReportFixtures.Later);

        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), (report.Period.First, report.Period.Last));
        Assert.Contains("<b>舆情月报 2026年3月</b>", report.Html);
        Assert.Contains("共发现舆情 6 起（负面 4 起）\n误报 1 起，尚未办结 2 起", report.Html);
        Assert.Contains("按部门：未分配 3 · 卫健委 2 · 教育局 1", report.Html);
        Assert.Contains("认领 30分钟 · 上报 3小时0分钟 · 处置 17小时0分钟", report.Html);
        Assert.Contains("重大 100%（2/2） · 较大 0%（0/1） · 一般 33%（1/3）", report.Html);
        Assert.Contains("负面舆情1小时内认领：75%（3/4）", report.Html);
        Assert.Contains("03-03 3 起 · 03-02 2 起 · 03-31 1 起", report.Html);
        Assert.True(report.HasChart);
        Assert.Equal(31, report.Summary.Days.Count);
    }

    [Fact]
    public void Weekly_English_CoversMondayToSunday()
    {
        var report = ReportBuilder.Build(ReportKind.Weekly, ReportFixtures.March(), new DateOnly(2026, 3, 4), Strings.English, ReportFixtures.Zone, ReportFixtures.Deadlines, ReportFixtures.Later);

        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8)), (report.Period.First, report.Period.Last));
        Assert.Contains("<b>Weekly report 2026-03-02 to 2026-03-08</b>", report.Html);
        Assert.Contains("Incidents found: 5 (4 negative)", report.Html);
        Assert.Contains("By topic: 医院投诉 4 · 教育 2", report.Html);
        Assert.Contains("to claim 30 min · to report 3 h 0 min · to resolve 17 h 0 min", report.Html);
    }

    [Fact]
    public void Daily_HostileTitle_IsEscaped()
    {
        var incidents = ReportFixtures.March();
        incidents[4].Title = "<script>alert(1)</script> & co";

        var report = ReportBuilder.Daily(incidents, new DateOnly(2026, 3, 3), Strings.Chinese, ReportFixtures.Zone, ReportFixtures.Deadlines, DailyAt);

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", report.Html);
        Assert.DoesNotContain("<script>", report.Html);
    }

    [Fact]
    public void Load_FromLiteDb_PeriodIncidentsPlusOpenOnes()
    {
        var folder = Directory.CreateTempSubdirectory("reports-").FullName;
        try
        {
            using var db = TestDatabases.Open(Path.Combine(folder, "bot.db"));
            db.AddIncidents(ReportFixtures.March());

            var loaded = ReportInputs.Load(db, ReportPeriod.MonthContaining(new DateOnly(2026, 3, 1)), ReportFixtures.Zone);

            // Everything found in March, plus 0007 (April, still new).
            Assert.Equal(["2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005", "2026-0006", "2026-0007", "2026-0008"],
                loaded.Select(i => i.Number).Order());
            Assert.Equal(IncidentStatus.Handling, loaded.Single(i => i.Number == "2026-0004").Status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
