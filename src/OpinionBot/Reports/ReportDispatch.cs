using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Reports.Documents;
using OpinionBot.Settings;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>
/// Sends the daily, weekly and monthly reports: scheduled runs, each exactly once (the period sent is recorded in the
/// same transaction that queues it), and reports asked for on demand (<c>/report</c>). A report's messages, already
/// split under Telegram's limit, and its trend chart go into the outbox together or not at all.
/// </summary>
public sealed class ReportDispatch(
    OpinionDatabase db,
    Outbox outbox,
    IOptionsMonitor<ReportsOptions> reports,
    IOptionsMonitor<DeadlineOptions> deadlines,
    IOptionsMonitor<ChatsOptions> chats,
    ChatLanguages languages,
    TimeProvider time,
    ILogger<ReportDispatch> logger)
{
    /// <summary>Where scheduled reports go: the supervisors' chat, or the team chat when there is none.</summary>
    public long ReportsChat => chats.CurrentValue.Supervisors != 0 ? chats.CurrentValue.Supervisors : chats.CurrentValue.Team;

    /// <summary>
    /// The report of the <paramref name="kind"/> period containing <paramref name="anyDay"/>. A daily report is as of now,
    /// or as of the end of its day once that day is over (so it lists what was open then); weekly and monthly as of now.
    /// </summary>
    public Report Build(ReportKind kind, DateOnly anyDay) => Build(kind, anyDay, languages.Default);

    /// <summary>The same report in the given language (the chat's own, for <c>/report</c>).</summary>
    public Report Build(ReportKind kind, DateOnly anyDay, Strings text)
    {
        var options = reports.CurrentValue;
        var zone = options.ResolveZone();
        var period = ReportPeriod.Containing(kind, anyDay);
        var now = time.GetUtcNow();
        var endOfDay = period.End(zone).AddTicks(-1);
        var asOf = kind == ReportKind.Daily && endOfDay < now ? endOfDay : now;
        var incidents = ReportInputs.Load(db, period, zone);
        return ReportBuilder.Build(kind, incidents, anyDay, text, zone, deadlines.CurrentValue, asOf, options.TopItems);
    }

    /// <summary>Builds a report and queues it for <paramref name="chatId"/>, e.g. for <c>/report weekly 2026-03-10</c>.</summary>
    public Report Send(ReportKind kind, DateOnly anyDay, long chatId)
    {
        var report = Build(kind, anyDay, languages.For(chatId));
        db.Write(_ => Queue(report, chatId));
        return report;
    }

    /// <summary>
    /// Sends the scheduled report a firing at <paramref name="firedAt"/> stands for (the latest scheduled run at or before
    /// it, so a late or caught-up firing still reports the right period) unless that period went out already.
    /// Returns the period sent, or null when there was nothing to send.
    /// </summary>
    public ReportPeriod? SendScheduled(ReportKind kind, DateTimeOffset firedAt)
    {
        if (ScheduledPeriod(kind, firedAt) is not { } period || WasSent(period))
        {
            return null;
        }

        var chatId = ReportsChat;
        var report = Build(kind, period.First, languages.For(chatId));
        return db.Write(_ =>
        {
            // Checked again inside the transaction: another firing may have sent it while this one was building.
            if (WasSent(period))
            {
                return null;
            }

            Queue(report, chatId);
            db.Write(s => s.Counters.Set(SentKey(period), time.GetUtcNow().UtcTicks));
            logger.LogInformation("Queued the {Kind} report {First}–{Last} for chat {ChatId}", kind, period.First, period.Last, chatId);
            return period;
        });
    }

    /// <summary>The period of the last scheduled run at or after <paramref name="since"/> that has not been sent, if any.</summary>
    public ReportPeriod? MissedPeriod(ReportKind kind, DateTimeOffset since)
    {
        var options = reports.CurrentValue;
        var now = time.GetUtcNow();
        return ReportSchedule.Previous(kind, now, options) is { } run && run >= since &&
            ScheduledPeriod(kind, run) is { } period && !WasSent(period)
                ? period
                : null;
    }

    public bool WasSent(ReportPeriod period) => db.Read(s => s.Counters.Get(SentKey(period))) != 0;

    private ReportPeriod? ScheduledPeriod(ReportKind kind, DateTimeOffset firedAt)
    {
        var options = reports.CurrentValue;
        return ReportSchedule.Previous(kind, firedAt, options) is { } run
            ? ReportPeriod.ScheduledOn(kind, ZonedTime.LocalDate(run, options.ResolveZone()))
            : null;
    }

    private void Queue(Report report, long chatId)
    {
        foreach (var message in report.Messages)
        {
            outbox.Send(chatId, message);
        }

        if (report.HasChart)
        {
            // Drawn by the sender from the counts the text was written from, outside this transaction.
            var name = $"trend-{report.Period.First:yyyyMMdd}-{report.Period.Last:yyyyMMdd}.png";
            var byDay = report.Summary.Days.ToDictionary(d => d.Day);
            var order = new DocumentOrder
            {
                Kind = DocumentKind.TrendChart,
                Format = "png",
                Culture = languages.For(chatId).Culture,
                AsOf = time.GetUtcNow(),
                ReportKind = report.Kind,
                From = DocumentOrder.Day(report.Period.First),
                To = DocumentOrder.Day(report.Period.Last),
                Chart = Enumerable.Range(0, report.Period.DayCount)
                    .Select(i => byDay.GetValueOrDefault(report.Period.First.AddDays(i)) is { } day
                        ? new ChartDay { General = day.General, Larger = day.Larger, Major = day.Major }
                        : new ChartDay())
                    .ToList(),
            };
            outbox.SendMade(chatId, OutboxKind.Photo, name, order, TelegramText.Escape(report.Title));
        }
    }

    private static string SentKey(ReportPeriod period) => $"report-sent:{period.Kind}:{period.First:yyyy-MM-dd}";
}
