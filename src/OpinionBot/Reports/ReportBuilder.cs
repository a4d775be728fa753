using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>
/// Builds the daily (日报), weekly (周报) and monthly (月报) reports from incidents. Pure: pass the incidents discovered
/// in the period plus every incident still open (see <see cref="ReportInputs"/>), and the moment the report is as of.
/// </summary>
public static class ReportBuilder
{
    /// <summary>The daily report for <paramref name="day"/>, as of <paramref name="now"/> (e.g. 17:30 that day).</summary>
    public static Report Daily(
        IReadOnlyList<Incident> incidents, DateOnly day, Strings text, TimeZoneInfo zone, DeadlineOptions deadlines, DateTimeOffset now,
        int topItems = 5)
    {
        var period = ReportPeriod.Day(day);
        var summary = PeriodStatistics.Compute(incidents, period, zone, deadlines, now);
        var start = period.Start(zone);
        var end = period.End(zone);
        var open = incidents.Where(i => Lifecycle.WasOpenAt(i, now)).OrderByDescending(i => i.Grade).ThenBy(i => i.Discovered).ToList();
        var details = new DailyDetails(
            open,
            open.Where(i => ReportDeadline.IsOverdue(i, deadlines, now)).ToList(),
            incidents
                .Where(i => i.Discovered >= start && i.Discovered < end && i.Status != IncidentStatus.FalseAlarm)
                .OrderByDescending(i => i.Grade)
                .ThenByDescending(i => i.Negative)
                .ThenByDescending(i => i.Appearances.Count)
                .ThenBy(i => i.Discovered)
                .Take(topItems)
                .ToList());
        var title = text.DailyTitle(day);
        var html = DailyReportText.Render(title, summary, details, text, zone, deadlines, now);
        return new Report(ReportKind.Daily, period, title, html, summary) { Daily = details };
    }

    /// <summary>The weekly report for the Monday-to-Sunday week containing <paramref name="anyDay"/>.</summary>
    public static Report Weekly(
        IReadOnlyList<Incident> incidents, DateOnly anyDay, Strings text, TimeZoneInfo zone, DeadlineOptions deadlines, DateTimeOffset now) =>
        Period(incidents, ReportPeriod.WeekContaining(anyDay), text, zone, deadlines, now);

    /// <summary>The monthly report for the calendar month containing <paramref name="anyDay"/>.</summary>
    public static Report Monthly(
        IReadOnlyList<Incident> incidents, DateOnly anyDay, Strings text, TimeZoneInfo zone, DeadlineOptions deadlines, DateTimeOffset now) =>
        Period(incidents, ReportPeriod.MonthContaining(anyDay), text, zone, deadlines, now);

    /// <summary>Any kind, for <c>/report daily|weekly|monthly [date]</c> and the scheduled jobs.</summary>
    public static Report Build(
        ReportKind kind, IReadOnlyList<Incident> incidents, DateOnly anyDay, Strings text, TimeZoneInfo zone, DeadlineOptions deadlines,
        DateTimeOffset now, int topItems = 5) =>
        kind switch
        {
            ReportKind.Weekly => Weekly(incidents, anyDay, text, zone, deadlines, now),
            ReportKind.Monthly => Monthly(incidents, anyDay, text, zone, deadlines, now),
            _ => Daily(incidents, anyDay, text, zone, deadlines, now, topItems),
        };

    private static Report Period(
        IReadOnlyList<Incident> incidents, ReportPeriod period, Strings text, TimeZoneInfo zone, DeadlineOptions deadlines, DateTimeOffset now)
    {
        var summary = PeriodStatistics.Compute(incidents, period, zone, deadlines, now);
        var title = period.Kind == ReportKind.Monthly ? text.MonthlyTitle(period) : text.WeeklyTitle(period);
        var html = PeriodReportText.Render(title, summary, text, zone, deadlines, now);
        return new Report(period.Kind, period, title, html, summary);
    }
}
