using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>One ledger (台账) line: an incident as the practice records it. Times are local to the office's zone.</summary>
public sealed record LedgerRow(
    string Number,
    string Subject,
    string Url,
    DateTime? Published,
    string FirstMedium,
    DateTime Discovered,
    DateTime? Claimed,
    DateTime? Reported,
    string Grade,
    string Negative,
    string Department,
    string Assignee,
    string Status,
    string Outcome,
    DateTime? Resolved,
    string ClaimDeadline,
    string ReportDeadline,
    string Evidence)
{
    /// <summary>序号: the row's position in this ledger, from 1.</summary>
    public int Sequence { get; init; }

    /// <summary>专题: the topics the incident matched.</summary>
    public string Topics { get; init; } = "";

    /// <summary>来源数 and 转载数: distinct sources, and appearances after the first.</summary>
    public int Sources { get; init; }
    public int Reposts { get; init; }

    /// <summary>处置措施 in words, and 备注.</summary>
    public string Measures { get; init; } = "";
    public string Remarks { get; init; } = "";
}

/// <summary>A ledger column: its header and how a row fills it (a string, a count, or a local time for date cells).</summary>
public sealed record LedgerColumn(Func<Strings, string> Header, Func<LedgerRow, object?> Value, double Width)
{
    public static readonly IReadOnlyList<LedgerColumn> All =
    [
        new(t => t.ColSequence, r => r.Sequence, 6),
        new(t => t.ColNumber, r => r.Number, 11),
        new(t => t.ColSubject, r => r.Subject, 40),
        new(t => t.ColTopics, r => r.Topics, 14),
        new(t => t.ColUrl, r => r.Url, 40),
        new(t => t.ColPublished, r => r.Published, 17),
        new(t => t.ColFirstMedium, r => r.FirstMedium, 14),
        new(t => t.ColSources, r => r.Sources, 7),
        new(t => t.ColReposts, r => r.Reposts, 7),
        new(t => t.ColDiscovered, r => r.Discovered, 17),
        new(t => t.ColClaimed, r => r.Claimed, 17),
        new(t => t.ColReported, r => r.Reported, 17),
        new(t => t.ColGrade, r => r.Grade, 7),
        new(t => t.ColNegative, r => r.Negative, 7),
        new(t => t.ColDepartment, r => r.Department, 12),
        new(t => t.ColAssignee, r => r.Assignee, 10),
        new(t => t.ColStatus, r => r.Status, 9),
        new(t => t.ColOutcome, r => r.Outcome, 12),
        new(t => t.ColMeasures, r => r.Measures, 30),
        new(t => t.ColResolved, r => r.Resolved, 17),
        new(t => t.ColClaimDeadline, r => r.ClaimDeadline, 28),
        new(t => t.ColReportDeadline, r => r.ReportDeadline, 28),
        new(t => t.ColEvidence, r => r.Evidence, 24),
        new(t => t.ColRemarks, r => r.Remarks, 30),
    ];

    /// <summary>Builds the row of one incident; <paramref name="now"/> decides whether an unmet deadline is still pending.</summary>
    public static LedgerRow For(
        Incident incident, Strings text, TimeZoneInfo zone, DeadlineOptions deadlines, DateTimeOffset now,
        Func<long, string?>? personName, Func<Incident, IEnumerable<string>>? evidenceNumbers)
    {
        DateTime? Local(DateTimeOffset? at) => at is { } value ? ZonedTime.Local(value, zone).DateTime : null;
        string Cell(DeadlineState state, DateTimeOffset? due, DateTimeOffset? done) => due is not { } at ? text.Deadline(state)
            : text.DeadlineCell(state, ZonedTime.Format(at, zone), state switch
            {
                DeadlineState.Met => at - done!.Value,
                DeadlineState.Missed => (done is { } d && d <= now ? d : now) - at,
                _ => TimeSpan.Zero,
            });

        var handler = HandlingMeasures.Handler(incident);
        return new LedgerRow(
            incident.Number,
            incident.Title,
            incident.Link(),
            Local(incident.FirstPublished()),
            incident.FirstMedium(),
            ZonedTime.Local(incident.Discovered, zone).DateTime,
            Local(incident.ClaimedAt),
            Local(incident.ReportedAt),
            text.GradeName(incident.Grade),
            incident.Negative ? text.Yes : text.No,
            incident.Department ?? "",
            handler is { } id ? personName?.Invoke(id) ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
            text.Status(incident.Status),
            text.OutcomeName(incident.Outcome),
            Local(incident.ResolvedAt),
            Cell(ReportDeadline.ClaimState(incident, deadlines, now), ReportDeadline.ClaimDue(incident, deadlines), incident.ClaimedAt),
            Cell(ReportDeadline.ReportState(incident, deadlines, now), ReportDeadline.ReportDue(incident, deadlines), incident.ReportedAt),
            string.Join(" ", evidenceNumbers?.Invoke(incident) ?? []))
        {
            Topics = string.Join(text.ListSeparator, incident.Topics),
            Sources = incident.Appearances.Select(a => a.SourceName).Append(incident.SourceName).Where(n => n.Length > 0).Distinct().Count(),
            Reposts = Math.Max(0, incident.Appearances.Count - 1),
            Measures = HandlingMeasures.Summary(incident, text),
            Remarks = HandlingMeasures.Remarks(incident, text),
        };
    }
}
