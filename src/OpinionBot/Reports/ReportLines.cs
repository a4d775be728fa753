using System.Text;
using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>Lines shared by the daily and period reports. Every inserted value is HTML-escaped.</summary>
internal static class ReportLines
{
    public const string Dot = " · ";

    public static string Grades(IReadOnlyDictionary<Grade, int> byGrade, Strings text) =>
        string.Join(Dot, new[] { Grade.Major, Grade.Larger, Grade.General }.Select(g => $"{text.GradeName(g)} {byGrade[g]}"));

    public static string Tallies(IReadOnlyList<Tally> tallies, string empty, Strings text, int max = 10)
    {
        if (tallies.Count == 0)
        {
            return text.NoneYet;
        }

        var shown = tallies.Take(max).Select(t => $"{TelegramText.Escape(t.Name.Length == 0 ? empty : t.Name)} {t.Count}");
        var line = string.Join(Dot, shown);
        return tallies.Count > max ? line + Dot + text.More(tallies.Count - max) : line;
    }

    public static string Share(DeadlineShare share, Strings text) =>
        share.Share is { } value ? $"{Math.Round(value * 100)}%" + text.InParens($"{share.Met}/{share.Decided}") : "—";

    public static void Deadlines(StringBuilder html, PeriodSummary summary, Strings text, DeadlineOptions deadlines)
    {
        html.Append("\n<b>").Append(text.DeadlinesHeading).Append("</b>\n");
        html.Append(text.ReportDeadlinesLine(deadlines)).Append(text.Colon)
            .AppendJoin(Dot, new[] { Grade.Major, Grade.Larger, Grade.General }.Select(g => $"{text.GradeName(g)} {Share(summary.ReportDeadlines[g], text)}"))
            .Append('\n');
        html.Append(text.ClaimDeadlinesLine(deadlines)).Append(text.Colon).Append(Share(summary.ClaimDeadlines, text)).Append('\n');
    }

    /// <summary>"[重大] 2026-0005 title (link) — 微博 · 医院投诉 · 处置中".</summary>
    public static string Item(Incident incident, Strings text) =>
        $"[{text.GradeName(incident.Grade)}] {TelegramText.Escape(incident.Number)} " +
        TelegramText.Link(incident.Link(), incident.Title.Length > 0 ? incident.Title : incident.Number) +
        $" — {TelegramText.Escape(incident.FirstMedium())}" +
        (incident.Topics.Count > 0 ? Dot + TelegramText.Escape(string.Join("、", incident.Topics)) : "") +
        Dot + text.Status(incident.Status);
}
