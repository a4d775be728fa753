using System.Text;
using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>The daily report (日报) as Telegram HTML.</summary>
internal static class DailyReportText
{
    private const int MaxListed = 20;

    public static string Render(
        string title, PeriodSummary summary, DailyDetails details, Strings text, TimeZoneInfo zone, DeadlineOptions deadlines, DateTimeOffset now)
    {
        var html = new StringBuilder();
        html.Append("<b>").Append(TelegramText.Escape(title)).Append("</b>\n");
        html.Append(text.AsOf(ZonedTime.Local(now, zone))).Append('\n');
        html.Append(text.NewToday(summary.Total, summary.Negative)).Append('\n');
        html.Append(text.ByGrade).Append(text.Colon).Append(ReportLines.Grades(summary.ByGrade, text)).Append('\n');
        html.Append(text.ByTopic).Append(text.Colon).Append(ReportLines.Tallies(summary.ByTopic, text.NoTopic, text)).Append('\n');
        ReportLines.Deadlines(html, summary, text, deadlines);

        html.Append("\n<b>").Append(text.OpenHeading(details.Open.Count, details.Overdue.Count)).Append("</b>\n");
        foreach (var incident in details.Overdue.Take(MaxListed))
        {
            var why = ReportDeadline.ClaimState(incident, deadlines, now) == DeadlineState.Missed && !(incident.ClaimedAt <= now)
                ? text.OverdueClaim
                : text.OverdueReport;
            html.Append("⚠️ ").Append(ReportLines.Item(incident, text)).Append(ReportLines.Dot).Append(why).Append('\n');
        }

        if (details.Overdue.Count > MaxListed)
        {
            html.Append(text.More(details.Overdue.Count - MaxListed)).Append('\n');
        }

        html.Append("\n<b>").Append(text.TopHeading).Append("</b>\n");
        if (details.Top.Count == 0)
        {
            html.Append(text.NoneYet).Append('\n');
        }

        for (var i = 0; i < details.Top.Count; i++)
        {
            html.Append(i + 1).Append(". ").Append(ReportLines.Item(details.Top[i], text)).Append('\n');
        }

        return html.ToString().TrimEnd();
    }
}
