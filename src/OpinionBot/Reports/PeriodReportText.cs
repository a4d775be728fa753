using System.Text;
using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>The weekly (周报) and monthly (月报) reports as Telegram HTML; the chart goes as a separate photo.</summary>
internal static class PeriodReportText
{
    public static string Render(string title, PeriodSummary summary, Strings text, TimeZoneInfo zone, DeadlineOptions deadlines, DateTimeOffset now)
    {
        var html = new StringBuilder();
        html.Append("<b>").Append(TelegramText.Escape(title)).Append("</b>\n");
        html.Append(text.AsOf(ZonedTime.Local(now, zone))).Append('\n');
        html.Append(text.PeriodTotal(summary.Total, summary.Negative)).Append('\n');
        html.Append(text.FalseAlarmsAndOpen(summary.FalseAlarms, summary.StillOpen)).Append('\n');
        html.Append(text.ByGrade).Append(text.Colon).Append(ReportLines.Grades(summary.ByGrade, text)).Append('\n');
        html.Append(text.ByTopic).Append(text.Colon).Append(ReportLines.Tallies(summary.ByTopic, text.NoTopic, text)).Append('\n');
        html.Append(text.BySource).Append(text.Colon).Append(ReportLines.Tallies(summary.BySource, text.Unknown, text)).Append('\n');
        html.Append(text.ByDepartment).Append(text.Colon).Append(ReportLines.Tallies(summary.ByDepartment, text.NoDepartment, text)).Append('\n');

        html.Append("\n<b>").Append(text.TimesHeading).Append("</b>\n");
        html.Append(text.ToClaim).Append(' ').Append(text.Duration(summary.MedianToClaim)).Append(ReportLines.Dot)
            .Append(text.ToReport).Append(' ').Append(text.Duration(summary.MedianToReport)).Append(ReportLines.Dot)
            .Append(text.ToResolve).Append(' ').Append(text.Duration(summary.MedianToResolve)).Append('\n');
        ReportLines.Deadlines(html, summary, text, deadlines);

        html.Append("\n<b>").Append(text.BusiestDays).Append("</b>\n");
        html.Append(summary.BusiestDays.Count == 0
            ? text.NoneYet
            : string.Join(ReportLines.Dot, summary.BusiestDays.Select(d => $"{d.Day:MM-dd} {text.Count(d.Total)}")));
        return html.ToString();
    }
}
