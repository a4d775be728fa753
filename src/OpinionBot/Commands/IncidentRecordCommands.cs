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
            Kind = DocumentKind.Special,
            Format = format,
            Culture = text.Culture,
            AsOf = time.GetUtcNow(),
            IncidentId = incident.Id,
            Heading = heading,
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

        var screenshots = records.Count(r => r.ScreenshotFileId is not null);
        request.Reply(TelegramText.Escape(text.EvidenceSendingParts(incident.Number, records.Count, screenshots)));

        // Only orders are stored here: the sender reads each file, checks its hash and draws the previews outside this
        // transaction. Screenshots first, as an album a phone shows at a glance; then every file as a document.
        DocumentOrder Order(EvidenceRecord record, EvidencePartKind part, bool preview = false) => new()
        {
            Kind = DocumentKind.EvidencePart,
            Format = "file",
            Culture = text.Culture,
            AsOf = time.GetUtcNow(),
            EvidenceId = record.Id,
            Part = part,
            Preview = preview,
        };
        outbox.SendMadePhotos(request.ChatId, records.Where(r => r.ScreenshotFileId is not null)
            .Select(r => (r.Id + "-preview.png", Order(r, EvidencePartKind.Screenshot, preview: true)))
            .ToList());
        foreach (var record in records)
        {
            var parts = new List<(EvidencePartKind Kind, string FileName)>
            {
                (EvidencePartKind.Raw, record.Id + EvidenceStore.Extension(record.ContentType)),
                (EvidencePartKind.Text, record.Id + ".txt"),
            };
            if (record.ScreenshotFileId is not null)
            {
                parts.Add((EvidencePartKind.Screenshot, record.Id + ".png"));
            }

            if (record.PdfFileId is not null)
            {
                parts.Add((EvidencePartKind.Pdf, record.Id + ".pdf"));
            }

            foreach (var (kind, fileName) in parts)
            {
                outbox.SendMade(request.ChatId, OutboxKind.Document, fileName, Order(record, kind), "");
            }
        }
    }
}
