using OpinionBot.Incidents;
using OpinionBot.Reports.Documents;
using OpinionBot.Text;

namespace OpinionBot.Reports;

/// <summary>One heading and its paragraphs of plain text (escaped when rendered).</summary>
public sealed record SpecialReportSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// 舆情专报 for one incident, in the order the practice asks [001]: basic content, first publish time, medium and link,
/// spread, what is known of the truth, measures taken (in words, from the trail and notes), judgement and suggestions,
/// and the evidence attached with numbers and hashes. Notes feed the sections by their prefix (see <see cref="NoteTopics"/>).
/// </summary>
public sealed record SpecialReport(string Title, string Subtitle, IReadOnlyList<SpecialReportSection> Sections)
{
    public static SpecialReport Build(
        Incident incident, IReadOnlyList<EvidenceRecord> evidence, Strings text, TimeZoneInfo zone, DateTimeOffset now,
        Func<long, string?>? personName = null)
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

        var measures = HandlingMeasures.Lines(incident, text, zone, personName);
        List<SpecialReportSection> sections =
        [
            new(text.SecBasic,
            [
                $"{text.ColNumber}{text.Colon}{incident.Number}{ReportLines.Dot}{incident.Title}",
                $"{text.GradeLabel}{text.Colon}{text.GradeName(incident.Grade)}{(incident.Negative ? text.InParens(text.Negative) : "")}" +
                    $"{ReportLines.Dot}{text.StatusLabel}{text.Colon}{text.Status(incident.Status)}",
                $"{text.TopicsLabel}{text.Colon}{(incident.Topics.Count > 0 ? string.Join(text.ListSeparator, incident.Topics) : text.NoTopic)}" +
                    $"{ReportLines.Dot}{text.ColDepartment}{text.Colon}{incident.Department ?? text.NoDepartment}",
                .. incident.GradeReason.Length > 0 && Scripts.Fits(incident.GradeReason, text)
                    ? [$"{text.GradeReasonLabel}{text.Colon}{incident.GradeReason}"] : Array.Empty<string>(),
                .. notes[NoteTopic.Background],
            ]),
            new(text.SecFirst,
            [
                $"{text.FirstPublishedLabel}{text.Colon}{Time(incident.FirstPublished())}",
                $"{text.ColFirstMedium}{text.Colon}{incident.FirstMedium()}",
                $"{text.Link}{text.Colon}{incident.Link()}",
                $"{text.ColDiscovered}{text.Colon}{Time(incident.Discovered)}",
            ]),
            new(text.SecSpread, [text.SpreadSummary(sources, Math.Max(1, places.Count)), .. places]),
            new(text.SecTruth, Or(notes[NoteTopic.Truth], text.TruthPending)),
            new(text.DocSecMeasures, Or(measures, text.NoMeasuresYet)),
            new(text.DocSecJudgement,
            [
                .. notes[NoteTopic.Trend],
                text.TrendAuto(sources, incident.Appearances.Count(a => a.Discovered > now - TimeSpan.FromHours(2))),
                .. notes[NoteTopic.Suggestions].Count > 0 ? notes[NoteTopic.Suggestions]
                    : [incident.Grade == Grade.Major ? text.DefaultSuggestions : text.GeneralSuggestions],
            ]),
            new(text.DocSecAttachments, Or(
                evidence.Select((e, i) => text.AttachmentLine(i + 1, e.Id, Time(e.CapturedAt), e.HttpStatus, e.Sha256, e.Url)).ToList(),
                text.NoEvidenceAttached)),
        ];

        return new SpecialReport(text.SpecialTitle, text.SpecialSubtitle(incident.Number, ZonedTime.Local(now, zone)), sections)
        {
            IncidentTitle = incident.Title,
            Language = text,
            Day = ZonedTime.LocalDate(now, zone),
        };
    }

    public string IncidentTitle { get; init; } = "";

    /// <summary>The language it was built in, and the local day, for <see cref="Docx()"/> without a heading.</summary>
    public Strings Language { get; init; } = Strings.Chinese;
    public DateOnly Day { get; init; }

    /// <summary>The report in the official layout: red header with the unit, issue number, sender, signer and date.</summary>
    public OfficialDocument Official(DocumentHeading heading, Strings text)
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(text);
        return new OfficialDocument(
            heading.Unit, text.SpecialTitle, text.IssueLine(heading.Year, heading.Issue),
            heading.Classification is { Length: > 0 } c ? text.ClassificationLine(c) : null,
            text.SenderLine(heading.Unit), text.SignerLine(heading.Signer), text.DocumentDate(heading.Date),
            IncidentTitle, Sections);
    }

    /// <summary>The report as Telegram HTML (split it with <see cref="TelegramText.Split"/>).</summary>
    public string Html() =>
        $"<b>{TelegramText.Escape(Title)}</b>\n{TelegramText.Escape(Subtitle)}\n\n" + string.Join("\n\n", Sections.Select(s =>
            $"<b>{TelegramText.Escape(s.Heading)}</b>\n" + string.Join("\n", s.Paragraphs.Select(TelegramText.Escape))));

    /// <summary>The report as a Word document in the official layout, to print or forward.</summary>
    public byte[] Docx(DocumentHeading heading, Strings text) => OfficialDocx.Write(Official(heading, text));

    /// <summary>The Word document without a configured unit or issue number.</summary>
    public byte[] Docx() => Docx(new DocumentHeading("", Day.Year, null, "", null, Day), Language);

    private static IReadOnlyList<string> Or(IReadOnlyList<string> paragraphs, string fallback) =>
        paragraphs.Count > 0 ? paragraphs : [fallback];
}
