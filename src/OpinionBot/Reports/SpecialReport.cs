using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>One heading and its paragraphs of plain text (escaped when rendered).</summary>
public sealed record SpecialReportSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// 舆情专报 for one incident, in the order the practice asks [001]: basic content, first publish time and medium, link,
/// spread, what is known of the truth, background and supporting material; for 重大 also trend judgement, measures
/// taken and suggestions. Notes feed the sections by their prefix (see <see cref="NoteTopics"/>).
/// </summary>
public sealed record SpecialReport(string Title, string Subtitle, IReadOnlyList<SpecialReportSection> Sections)
{
    public static SpecialReport Build(
        Incident incident, IReadOnlyList<EvidenceRecord> evidence, Strings text, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(evidence);
        string Time(DateTimeOffset? at) => at is null ? text.Unknown : ZonedTime.Format(at, zone);
        var notes = NoteTopics.Sort(incident.Notes);

        var places = incident.Appearances
            .OrderBy(a => a.Published ?? a.Discovered)
            .Select(a => $"{Time(a.Published ?? a.Discovered)} {a.SourceName} {a.Title} {a.Url}".Trim())
            .ToList();
        var sources = incident.Appearances.Select(a => a.SourceName).Append(incident.SourceName).Distinct().Count();

        List<SpecialReportSection> sections =
        [
            new(text.SecBasic,
            [
                incident.Title,
                $"{text.GradeLabel}{text.Colon}{text.GradeName(incident.Grade)}{(incident.Negative ? "（" + text.Negative + "）" : "")}" +
                    $"{ReportLines.Dot}{text.StatusLabel}{text.Colon}{text.Status(incident.Status)}",
                $"{text.TopicsLabel}{text.Colon}{(incident.Topics.Count > 0 ? string.Join("、", incident.Topics) : text.NoTopic)}" +
                    $"{ReportLines.Dot}{text.ColDepartment}{text.Colon}{incident.Department ?? text.NoDepartment}",
                .. incident.GradeReason.Length > 0 ? [$"{text.GradeReasonLabel}{text.Colon}{incident.GradeReason}"] : Array.Empty<string>(),
            ]),
            new(text.SecFirst,
            [
                $"{text.ColPublished}{text.Colon}{Time(incident.FirstPublished())}",
                $"{text.ColFirstMedium}{text.Colon}{incident.FirstMedium()}",
                $"{text.Link}{text.Colon}{incident.Link()}",
                $"{text.ColDiscovered}{text.Colon}{Time(incident.Discovered)}",
            ]),
            new(text.SecSpread, [text.SpreadSummary(sources, Math.Max(1, places.Count)), .. places]),
            new(text.SecTruth, Or(notes[NoteTopic.Truth], text.TruthPending)),
            new(text.SecBackground, Or(
                [.. notes[NoteTopic.Background], .. evidence.Select(e => text.EvidenceLine(e.Id, Time(e.CapturedAt), e.HttpStatus, e.Sha256))],
                text.NoMaterial)),
        ];

        if (incident.Grade == Grade.Major)
        {
            var recent = incident.Appearances.Count(a => a.Discovered > now - TimeSpan.FromHours(2));
            sections.Add(new(text.SecTrend, [.. notes[NoteTopic.Trend], text.TrendAuto(sources, recent)]));
            sections.Add(new(text.SecMeasures, Or(
                [
                    .. incident.Audit.Select(a => $"{Time(a.At)} {a.ActorName} {text.ActionName(a.Action)}{(a.Comment is { Length: > 0 } c ? text.Colon + c : "")}"),
                    .. notes[NoteTopic.Measures],
                    .. incident.Outcome is { } o ? [text.Outcome(text.OutcomeName(o))] : Array.Empty<string>(),
                ],
                text.NoMaterial)));
            sections.Add(new(text.SecSuggestions, Or(notes[NoteTopic.Suggestions], text.DefaultSuggestions)));
        }

        return new SpecialReport(text.SpecialTitle, text.SpecialSubtitle(incident.Number, ZonedTime.Local(now, zone)), sections);
    }

    /// <summary>The report as Telegram HTML (split it with <see cref="TelegramText.Split"/>).</summary>
    public string Html() =>
        $"<b>{TelegramText.Escape(Title)}</b>\n{TelegramText.Escape(Subtitle)}\n\n" + string.Join("\n\n", Sections.Select(s =>
            $"<b>{TelegramText.Escape(s.Heading)}</b>\n" + string.Join("\n", s.Paragraphs.Select(TelegramText.Escape))));

    /// <summary>The report as a Word document to print or forward.</summary>
    public byte[] Docx() => SpecialReportDocument.Write(this);

    private static IReadOnlyList<string> Or(IReadOnlyList<string> paragraphs, string fallback) =>
        paragraphs.Count > 0 ? paragraphs : [fallback];
}
