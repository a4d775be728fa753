using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Reports.Documents;

/// <summary>
/// 网络舆情抄告单 [002]: a contact sheet for a complex item, sent to the head of the unit responsible for it (谁主管、谁负责):
/// what was said where and when, how far it spread, and what the unit is asked to do and by when.
/// </summary>
public static class ContactSheet
{
    /// <summary>How long the unit has to report back.</summary>
    public static readonly TimeSpan FeedbackWithin = TimeSpan.FromDays(1);

    public static OfficialDocument Build(Incident incident, string department, DocumentHeading heading, Strings text, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(heading);
        string Time(DateTimeOffset? at) => at is null ? text.Unknown : ZonedTime.Format(at, zone);
        var sources = incident.Appearances.Select(a => a.SourceName).Append(incident.SourceName).Distinct().Count();
        var places = incident.Appearances
            .OrderBy(a => a.Published ?? a.Discovered)
            .Select(a => $"{Time(a.Published ?? a.Discovered)} {a.SourceName} {a.Url}".Trim())
            .ToList();
        var truth = NoteTopics.Sort(incident.Notes)[NoteTopic.Truth];

        List<SpecialReportSection> sections =
        [
            new(text.NoticeSecItem,
            [
                $"{text.ColNumber}{text.Colon}{incident.Number}{ReportLines.Dot}{incident.Title}",
                $"{text.GradeLabel}{text.Colon}{text.GradeName(incident.Grade)}{(incident.Negative ? text.InParens(text.Negative) : "")}" +
                    $"{ReportLines.Dot}{text.TopicsLabel}{text.Colon}{(incident.Topics.Count > 0 ? string.Join(text.ListSeparator, incident.Topics) : text.NoTopic)}",
                .. truth,
            ]),
            new(text.NoticeSecFirst,
            [
                $"{text.FirstPublishedLabel}{text.Colon}{Time(incident.FirstPublished())}",
                $"{text.ColFirstMedium}{text.Colon}{incident.FirstMedium()}",
                $"{text.Link}{text.Colon}{incident.Link()}",
            ]),
            new(text.NoticeSecSpread, [text.SpreadSummary(sources, Math.Max(1, places.Count)), .. places]),
            new(text.NoticeSecRequest, [text.NoticeRequest(Time(now + FeedbackWithin))]),
        ];

        return new OfficialDocument(
            heading.Unit, text.NoticeKind, text.IssueLine(heading.Year, heading.Issue),
            heading.Classification is { Length: > 0 } c ? text.ClassificationLine(c) : null,
            text.NoticeTo(department), text.SignerLine(heading.Signer), text.DocumentDate(heading.Date),
            incident.Title, sections);
    }
}
