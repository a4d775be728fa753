using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Reports;
using OpinionBot.Reports.Documents;
using OpinionBot.Reports.Evidence;

namespace OpinionBot.Commands;

/// <summary>
/// The records of one incident: <c>/special N</c> sends the special report (舆情专报) as chat text and as a DOCX;
/// <c>/evidence N</c> sends its evidence, each entry's raw page and extracted text, hashes checked before sending.
/// The incident is named by number or by replying to its card.
/// </summary>
public sealed class IncidentRecordCommands(
    IncidentFinder finder,
    EvidenceStore evidence,
    Outbox outbox,
    IOptionsMonitor<ReportsOptions> reports,
    TimeProvider time,
    DocumentIssuer issuer,
    PeopleDirectory people) : ICommandFamily
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("special", t => t.SpecialDescription, t => t.SpecialUsage) { Required = Role.Officer, Menu = Role.Officer },
        new("evidence", t => t.EvidenceDescription, t => t.EvidenceUsage) { Required = Role.Officer, Menu = Role.Officer },
    ];

    public void Handle(CommandRequest request)
    {
        var first = request.Words.Count > 0 ? request.Words[0] : null;
        var byNumber = first is not null && IncidentFinder.LooksLikeNumber(first);
        var incident = request.Words.Count > 1 ? null : byNumber ? finder.ByNumber(first!) : first is null ? finder.ByCard(request.Message) : null;
        if (incident is null)
        {
            request.ReplyUsage(byNumber && request.Words.Count == 1 ? request.Text.NoSuchIncident(TypedText.Echo(first!)) : null);
            return;
        }

        if (request.Spec.Name == "special")
        {
            Special(request, incident);
        }
        else
        {
            Evidence(request, incident);
        }
    }

    private void Special(CommandRequest request, Incident incident)
    {
        var text = request.Text;
        var report = SpecialReport.Build(incident, evidence.List(incident.Number), text, reports.CurrentValue.ResolveZone(), time.GetUtcNow(), people.NameOf);
        foreach (var part in TelegramText.Split(report.Html()))
        {
            request.Reply(part);
        }

        // Each 专报 issued takes the next 期号 of the year, in the same transaction as the orders that carry it; the
        // sender makes the Word and PDF files outside it.
        var heading = OrderedHeading.Of(issuer.Next("special", people.NameOf(request.UserId)));
        DocumentOrder Order(string format) => new()
        {
            Kind = DocumentKind.Special, Format = format, Culture = text.Culture, AsOf = time.GetUtcNow(), IncidentId = incident.Id, Heading = heading,
        };
        outbox.SendMade(request.ChatId, OutboxKind.Document, text.SpecialFileName(incident.Number), Order("docx"),
            TelegramText.Escape(text.SpecialCaption(incident.Number)));
        if (issuer.CanPrintPdf)
        {
            outbox.SendMade(request.ChatId, OutboxKind.Document, text.SpecialPdfFileName(incident.Number), Order("pdf"),
                TelegramText.Escape(text.SpecialPdfCaption(incident.Number)));
        }
        else
        {
            request.Reply(TelegramText.Escape(text.NoPdfFont));
        }
    }

    private void Evidence(CommandRequest request, Incident incident)
    {
        var text = request.Text;
        var records = evidence.List(incident.Number);
        if (records.Count == 0)
        {
            request.Reply(text.NoEvidenceYet(incident.Number));
            return;
        }

        var zone = reports.CurrentValue.ResolveZone();
        var parts = records.Select(r => (Record: r, Parts: evidence.Parts(r))).ToList();
        request.Reply(TelegramText.Escape(text.EvidenceSendingParts(incident.Number, records.Count,
            parts.Count(p => p.Parts.Any(x => x.Kind == EvidencePartKind.Screenshot)))));

        // Screenshots first, as an album a phone shows at a glance; then every file as a document, hashes checked.
        var photos = new List<(string, byte[], string)>();
        foreach (var (record, files) in parts)
        {
            foreach (var part in files.Where(p => p.Kind == EvidencePartKind.Screenshot))
            {
                if (ScreenshotPreview.Of(part.File.Content) is { } preview)
                {
                    photos.Add((record.Id + "-preview.png", preview, TelegramText.Escape(Caption(text, record, text.EvidencePreview, part, zone))));
                }
            }
        }

        outbox.SendPhotos(request.ChatId, photos);
        foreach (var (record, files) in parts)
        {
            foreach (var part in files)
            {
                var name = part.Kind switch
                {
                    EvidencePartKind.Raw => text.EvidenceRaw,
                    EvidencePartKind.Text => text.EvidenceText,
                    EvidencePartKind.Screenshot => text.EvidenceScreenshot,
                    _ => text.EvidencePdf,
                };
                outbox.SendFile(request.ChatId, OutboxKind.Document, part.File.FileName, part.File.Content, TelegramText.Escape(Caption(text, record, name, part, zone)));
            }
        }
    }

    /// <summary>What a file is, when and how it was captured, and whether its bytes still hash to what was recorded then.</summary>
    private static string Caption(Text.Strings text, EvidenceRecord record, string part, EvidencePart file, TimeZoneInfo zone)
    {
        var actual = EvidenceStore.Hash(file.File.Content);
        var check = actual == file.RecordedSha256 ? text.EvidenceVerified : text.EvidenceTampered(actual);
        var final = record.FinalUrl is { Length: > 0 } url ? "\n" + text.EvidenceFinalUrl(url.Length > 300 ? url[..300] + "…" : url) : "";
        return text.EvidenceCaption(record.Id, part, ZonedTime.Format(record.CapturedAt, zone), record.HttpStatus, file.RecordedSha256) + final + "\n" + check;
    }
}
