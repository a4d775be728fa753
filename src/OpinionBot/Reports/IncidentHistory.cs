using System.Globalization;
using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>One step of an incident's history in words: when, who, what, and the page it concerns (a merged appearance).</summary>
public sealed record HistoryStep(DateTimeOffset At, string Who, string What, string? Link);

/// <summary>
/// An incident's audit trail and reminder log told in the reader's language, oldest first: never raw action names,
/// and a stored comment in the other language (e.g. a worsening written in Chinese) is left out of an English line.
/// </summary>
public static class IncidentHistory
{
    public static IReadOnlyList<HistoryStep> Steps(Incident incident, Strings text, TimeZoneInfo zone, Func<long, string?>? personName = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var steps = incident.Audit.Select(a => Step(incident, a, text, zone, personName))
            .Concat(incident.ReminderLog.Select(r => new HistoryStep(r.At, text.HistoryBot, text.ReminderStep(r.Step), null)))
            .OrderBy(s => s.At)
            .ToList();
        return steps;
    }

    private static HistoryStep Step(Incident incident, AuditEntry entry, Strings text, TimeZoneInfo zone, Func<long, string?>? personName)
    {
        var who = entry.ActorId == Actor.Bot.Id ? text.HistoryBot : entry.ActorName;
        var comment = Readable(entry.Comment, text);
        string? link = null;
        var what = entry.Action switch
        {
            "created" => text.HistoryCreated(incident.SourceName),
            "claim" => text.HistoryClaimed,
            "report" => text.HistoryReported,
            "assign" => text.HistoryAssigned(
                entry.AssigneeId is { } id ? personName?.Invoke(id) ?? id.ToString(CultureInfo.InvariantCulture) : null, entry.Department),
            "escalate" => text.HistoryEscalated(entry.Level, entry.ActorId == Actor.Bot.Id),
            "resolve" => text.HistoryResolved(entry.Outcome is { } o ? text.OutcomeName(o) : null),
            "close" => entry.ActorId == Actor.Bot.Id ? text.HistoryClosedQuietly : text.HistoryClosed,
            "falsealarm" => text.HistoryFalseAlarm,
            "sendback" => text.HistorySentBack,
            "reopen" => text.HistoryReopened,
            "note" => text.HistoryNote(Readable(incident.Notes.FirstOrDefault(n => n.At == entry.At && n.ActorId == entry.ActorId)?.Text, text, keepAny: true)),
            "grade" => text.HistoryGrade(GradeChange(entry.Comment, text)),
            "mute" => text.HistoryMuted(DateTimeOffset.TryParse(entry.Comment, CultureInfo.InvariantCulture, DateTimeStyles.None, out var until)
                ? ZonedTime.Format(until, zone) : null),
            "appeared" or "reappeared" => text.HistoryAppeared(AppearanceOf(incident, entry)?.SourceName ?? entry.Comment ?? "", entry.Action == "reappeared"),
            "worsened" => text.HistoryWorsened,
            "notice" => text.HistoryNotice(entry.Department ?? entry.Comment ?? ""),
            _ => text.HistoryOther,
        };

        if (entry.Action is "appeared" or "reappeared")
        {
            link = entry.Link ?? AppearanceOf(incident, entry)?.Url;
        }
        else if (entry.Action == "created")
        {
            link = incident.Url;
        }

        // Reasons typed by people, and what worsened; raw codes and the other language stay out.
        if (entry.Action is not ("note" or "grade" or "mute" or "appeared" or "reappeared" or "notice" or "created") && comment is { Length: > 0 })
        {
            what += text.HistoryBecause(comment);
        }

        return new HistoryStep(entry.At, who, what, link);
    }

    /// <summary>
    /// The appearance an entry records: by its link (entries since merges are recorded with title and link), else by
    /// time and source name (older entries kept only the source name as their comment).
    /// </summary>
    private static Appearance? AppearanceOf(Incident incident, AuditEntry entry) =>
        incident.Appearances.LastOrDefault(a => a.Discovered == entry.At && (entry.Link is { } link ? a.Url == link : a.SourceName == entry.Comment));

    /// <summary>A stored comment as the reader may see it: codes turned into words, the other script left out.</summary>
    private static string? Readable(string? comment, Strings text, bool keepAny = false)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return null;
        }

        if (comment is "overdue-claim" or "overdue-report")
        {
            return text.EscalationReason(comment);
        }

        if (comment == "watch period passed quietly")
        {
            return null;
        }

        return keepAny || Scripts.Fits(comment, text) ? comment.Trim() : null;
    }

    // "General→Major: reason" (enum names, as stored) → "一般 → 重大：reason".
    private static string GradeChange(string? comment, Strings text)
    {
        if (comment is null)
        {
            return "";
        }

        var colon = comment.IndexOf(':', StringComparison.Ordinal);
        var change = colon < 0 ? comment : comment[..colon];
        var reason = colon < 0 ? null : comment[(colon + 1)..].Trim();
        var parts = change.Split('→');
        if (parts.Length != 2 || !Enum.TryParse<Grade>(parts[0], out var from) || !Enum.TryParse<Grade>(parts[1], out var to))
        {
            return "";
        }

        var words = $"{text.GradeName(from)} → {text.GradeName(to)}";
        return reason is { Length: > 0 } && Scripts.Fits(reason, text) ? words + text.Colon + reason : words;
    }
}

/// <summary>Which script a text is in, so a Chinese line never carries English words and the other way round.</summary>
public static class Scripts
{
    public static bool HasHan(string value) => value.Any(IsHan);

    public static bool HasLatinWord(string value)
    {
        var run = 0;
        foreach (var c in value)
        {
            run = char.IsAsciiLetter(c) ? run + 1 : 0;
            if (run >= 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the text can stand in a message in that language: no Han in English, no Latin words in Chinese.</summary>
    public static bool Fits(string value, Strings text) => text.IsChinese ? !HasLatinWord(value) || HasHan(value) : !HasHan(value);

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';
}
