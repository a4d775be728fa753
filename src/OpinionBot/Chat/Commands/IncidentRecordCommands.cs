using Microsoft.Extensions.Options;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Reports.Documents;

namespace OpinionBot.Chat.Commands;

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
            request.ReplyUsage(byNumber && request.Words.Count == 1 ? request.Text.NoSuchIncident(CardRenderer.Html(first!)) : null);
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

        // Each 专报 issued takes the next 期号 of the year, in the same transaction as the messages that carry it.
        var heading = issuer.Next("special", people.NameOf(request.UserId));
        outbox.SendFile(request.ChatId, OutboxKind.Document, text.SpecialFileName(incident.Number), report.Docx(heading, text),
            TelegramText.Escape(text.SpecialCaption(incident.Number)));
        if (issuer.Pdf(report.Official(heading, text)) is { } pdf)
        {
            outbox.SendFile(request.ChatId, OutboxKind.Document, text.SpecialPdfFileName(incident.Number), pdf,
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

        request.Reply(text.EvidenceSending(incident.Number, records.Count));
        var zone = reports.CurrentValue.ResolveZone();
        // Files come back as each entry's raw page then its text, in the order of List.
        var files = evidence.Files(incident.Number);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var captured = ZonedTime.Format(record.CapturedAt, zone);
            Send(request, files[2 * i], record.Sha256, text.EvidenceCaption(record.Id, text.EvidenceRaw, captured, record.HttpStatus, record.Sha256));
            Send(request, files[2 * i + 1], record.TextSha256, text.EvidenceCaption(record.Id, text.EvidenceText, captured, record.HttpStatus, record.TextSha256));
        }
    }

    /// <summary>Sends one file, saying whether the bytes sent still hash to what was recorded at capture.</summary>
    private void Send(CommandRequest request, EvidenceFile file, string recorded, string caption)
    {
        var actual = EvidenceStore.Hash(file.Content);
        var check = actual == recorded ? request.Text.EvidenceVerified : request.Text.EvidenceTampered(actual);
        outbox.SendFile(request.ChatId, OutboxKind.Document, file.FileName, file.Content, TelegramText.Escape(caption + "\n" + check));
    }
}
