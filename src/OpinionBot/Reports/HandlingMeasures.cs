using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>
/// 处置措施 in words, for the ledger and the special report: what was done (reported up, handed to a department,
/// escalated, contact sheet sent, resolved with which outcome) and the notes tagged <c>措施：</c>; never raw action names.
/// </summary>
public static class HandlingMeasures
{
    public static IReadOnlyList<string> Lines(Incident incident, Strings text, TimeZoneInfo zone, Func<long, string?>? personName = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        string Time(DateTimeOffset at) => ZonedTime.Format(at, zone);
        string Who(AuditEntry a) => a.ActorId == Actor.Bot.Id ? text.HistoryBot : a.ActorName;
        var lines = new List<string>();
        foreach (var entry in incident.Audit)
        {
            var line = entry.Action switch
            {
                "report" => text.MeasureReported(Time(entry.At), Who(entry)),
                "assign" when entry.Department is not null || entry.AssigneeId is not null => text.MeasureAssigned(Time(entry.At),
                    entry.Department ?? (entry.AssigneeId is { } id ? personName?.Invoke(id) ?? "" : "")),
                "escalate" => text.MeasureEscalated(Time(entry.At), text.HistoryEscalated(entry.Level, entry.ActorId == Actor.Bot.Id)),
                "notice" => text.MeasureNotice(Time(entry.At), entry.Department ?? entry.Comment ?? ""),
                "resolve" => text.MeasureResolved(Time(entry.At), text.OutcomeName(entry.Outcome ?? incident.Outcome ?? HandlingOutcome.Other)),
                _ => null,
            };
            if (line is not null)
            {
                lines.Add(line);
            }
        }

        lines.AddRange(NoteTopics.Sort(incident.Notes)[NoteTopic.Measures]);
        return lines;
    }

    /// <summary>The ledger's 处置措施 cell: the outcome, then the measure notes.</summary>
    public static string Summary(Incident incident, Strings text)
    {
        var parts = new List<string>();
        if (incident.Outcome is { } outcome && incident.ResolvedAt is not null)
        {
            parts.Add(text.OutcomeName(outcome));
        }

        parts.AddRange(NoteTopics.Sort(incident.Notes)[NoteTopic.Measures]);
        if (incident.Audit.LastOrDefault(a => a.Action == "assign" && a.Department is not null) is { } handed)
        {
            parts.Add(text.HistoryAssigned(null, handed.Department));
        }

        return string.Join(text.ListSeparator, parts);
    }

    /// <summary>The ledger's 备注 cell: escalation, send-backs, reappearance, and the other notes.</summary>
    public static string Remarks(Incident incident, Strings text)
    {
        var parts = new List<string>();
        if (incident.EscalationLevel > 0)
        {
            parts.Add(text.RemarkEscalated(incident.EscalationLevel));
        }

        var sentBack = incident.Audit.Count(a => a.Action == "sendback");
        if (sentBack > 0)
        {
            parts.Add(text.RemarkSentBack(sentBack));
        }

        if (incident.Audit.Any(a => a.Action == "reappeared"))
        {
            parts.Add(text.RemarkReappeared);
        }

        var notes = NoteTopics.Sort(incident.Notes);
        parts.AddRange(notes[NoteTopic.Background].Concat(notes[NoteTopic.Truth]));
        var joined = string.Join(text.ListSeparator, parts);
        return joined.Length > 500 ? joined[..500] + "…" : joined;
    }

    /// <summary>
    /// Who handled it: the assignee, or after a send-back the last person who claimed, was assigned or resolved it.
    /// </summary>
    public static long? Handler(Incident incident)
    {
        if (incident.AssigneeId is { } id)
        {
            return id;
        }

        for (var i = incident.Audit.Count - 1; i >= 0; i--)
        {
            var entry = incident.Audit[i];
            if (entry.Action == "assign" && entry.AssigneeId is { } assigned)
            {
                return assigned;
            }

            if (entry.Action is "claim" or "resolve" or "report" && entry.ActorId != Actor.Bot.Id)
            {
                return entry.ActorId;
            }
        }

        return null;
    }
}
