using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Scheduling;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Quartz;
using Xunit;

namespace OpinionBot.Tests.EndToEnd;

/// <summary>Scheduled reports through the real host, Quartz, LiteDB, outbox and Telegram client, to the fake Bot API.</summary>
public sealed class ReportJobTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly TimeZoneInfo Zone = new ReportsOptions().ResolveZone();
    private BotHarness _bot = null!;

    private FakeBotApi Api => _bot.Api;

    public async Task InitializeAsync() => _bot = await BotHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task WeeklyJob_Fired_SupervisorsGetTheTextAndTheChartPhoto_AndARestartAndRefiringSendNothingMore()
    {
        // Watch no feed, so the supervisors' chat only gets the report.
        _bot.Settings["Sources:0:Enabled"] = "false";
        await _bot.StartAsync();
        var week = ReportPeriod.ScheduledOn(ReportKind.Weekly,
            ZonedTime.LocalDate(ReportSchedule.Previous(ReportKind.Weekly, DateTimeOffset.UtcNow, new ReportsOptions())!.Value, Zone));
        _bot.Database.Write(_ => _bot.Database.AddIncidents(
        [
            Incident(1, week.Start(Zone).AddHours(10), Grade.Major),
            Incident(2, week.Start(Zone).AddDays(2).AddHours(9), Grade.General),
            Incident(3, week.Start(Zone).AddDays(2).AddHours(15), Grade.Larger),
        ]));

        await FireAsync(ReportKind.Weekly);

        var photo = await Api.WaitForMessageAsync(BotHarness.SupervisorsChat, m => m.Kind == "photo", Patience);
        var text = Assert.Single(Api.Messages(BotHarness.SupervisorsChat), m => m.Kind == "text");
        Assert.Contains($"舆情周报 {week.First:yyyy-MM-dd} 至 {week.Last:yyyy-MM-dd}", text.Text);
        Assert.Contains("共发现舆情 3 起", text.Text);
        Assert.True(text.MessageId < photo.MessageId, "the chart follows the text");
        Assert.True(ImageSize.TryRead(photo.FileBytes!, out var size));
        Assert.Equal((TrendChart.DefaultWidth, TrendChart.DefaultHeight), size);
        Assert.Contains("舆情周报", photo.Text);

        await _bot.StopAsync();
        await _bot.StartAsync();
        var runs = await JobRuns.ListenAsync(await Scheduler());
        await FireAsync(ReportKind.Weekly);
        // The run it relies on: the week's report was already sent, so this run must send nothing.
        await Api.WaitUntilAsync(() => runs.Finished(ReportJob.KeyFor(ReportKind.Weekly)) == 1, Patience);

        Assert.Equal(2, Api.Messages(BotHarness.SupervisorsChat).Count);
        Assert.Empty(Api.Messages(BotHarness.TeamChat));
    }

    [Fact]
    public async Task DailyRunMissedWhileStopped_IsSentOnStart_AndNotAgainAfterAnotherRestart()
    {
        var now = DateTimeOffset.UtcNow;
        var local = ZonedTime.Local(now, Zone);
        // The bot has scheduled reports since two minutes ago, and today's daily run was a minute ago.
        using (var db = TestDatabases.Open(_bot.DatabasePath))
        {
            db.Write(s => s.Counters.Set(ReportJobs.SinceKey, now.AddMinutes(-2).UtcTicks));
        }

        _bot.Settings["Sources:0:Enabled"] = "false";
        _bot.Settings["Reports:DailyAt"] = local.AddMinutes(-1).ToString("HH:mm", CultureInfo.InvariantCulture);
        _bot.Settings["Reports:WeeklyOn"] = local.AddDays(3).DayOfWeek.ToString();
        _bot.Settings["Reports:MonthlyOn"] = (local.Day % 28 + 1).ToString(CultureInfo.InvariantCulture);
        await _bot.StartAsync();

        var report = await Api.WaitForMessageAsync(BotHarness.SupervisorsChat, m => m.Text!.Contains("舆情日报"), Patience);
        Assert.Contains($"舆情日报 {ZonedTime.LocalDate(now.AddMinutes(-1), Zone):yyyy-MM-dd}", report.Text);

        await _bot.StopAsync();
        await _bot.StartAsync();
        // A catch-up would have been triggered during start; a run triggered now is handed out after it, so once this
        // one has started, any catch-up has started too.
        var runs = await JobRuns.ListenAsync(await Scheduler());
        await FireAsync(ReportKind.Monthly);
        await Api.WaitUntilAsync(() => runs.Finished(ReportJob.KeyFor(ReportKind.Monthly)) == 1, Patience);

        Assert.Equal(0, runs.Started(ReportJob.KeyFor(ReportKind.Daily)));
        Assert.Single(Api.Messages(BotHarness.SupervisorsChat), m => m.Text!.Contains("舆情日报"));
    }

    private async Task FireAsync(ReportKind kind) => await (await Scheduler()).TriggerJob(ReportJob.KeyFor(kind));

    private async Task<IScheduler> Scheduler() => await _bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    private static Incident Incident(int n, DateTimeOffset discovered, Grade grade) => new()
    {
        Number = $"{discovered.Year}-{n:0000}",
        Title = $"县医院投诉 {n}",
        Url = $"https://forum.example.invalid/t/{n}",
        SourceName = "本地论坛",
        Topics = ["医院投诉"],
        Discovered = discovered,
        Grade = grade,
        // Closed, so the deadline watch has nothing to say about them in the team chat.
        Status = IncidentStatus.Closed,
        ResolvedAt = discovered.AddHours(1),
        ClosedAt = discovered.AddHours(2),
    };
}
