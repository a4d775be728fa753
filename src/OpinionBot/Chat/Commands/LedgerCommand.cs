using Microsoft.Extensions.Options;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Storage;

namespace OpinionBot.Chat.Commands;

/// <summary>
/// <c>/ledger [csv] [from] [to]</c>: the ledger (台账) of incidents discovered in those local days as an .xlsx document,
/// or a UTF-8 CSV with BOM; this month by default. Lists evidence numbers and assignees by name.
/// </summary>
public sealed class LedgerCommand(
    OpinionDatabase db,
    EvidenceStore evidence,
    PeopleDirectory people,
    Outbox outbox,
    IOptionsMonitor<ReportsOptions> reports,
    IOptionsMonitor<DeadlineOptions> deadlines,
    TimeProvider time) : ICommandFamily
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
        [new("ledger", t => t.LedgerDescription, t => t.LedgerUsage) { Required = Role.Officer, Menu = Role.Officer }];

    public void Handle(CommandRequest request)
    {
        var words = request.Words;
        var format = words.Count > 0 && words[0].ToLowerInvariant() is "csv" or "xlsx" ? words[0].ToLowerInvariant() : null;
        var zone = reports.CurrentValue.ResolveZone();
        var now = time.GetUtcNow();
        if (!CommandDates.TryRange(words.Skip(format is null ? 0 : 1).ToList(), ZonedTime.LocalDate(now, zone), out var from, out var to))
        {
            request.ReplyUsage(request.Text.BadDates(TypedText.Echo(request.Arguments)));
            return;
        }

        var start = ZonedTime.StartOfDay(from, zone);
        var end = ZonedTime.StartOfDay(to.AddDays(1), zone);
        var incidents = db.Read(s => s.Incidents.DiscoveredBetween(start, end));
        var exporter = new LedgerExporter(request.Text, zone, deadlines.CurrentValue);
        var rows = exporter.Rows(incidents, from, to, now, people.NameOf, evidence.Numbers);
        var csv = format == "csv";
        outbox.SendFile(request.ChatId, OutboxKind.Document, exporter.FileName(from, to, csv ? "csv" : "xlsx"),
            csv ? exporter.Csv(rows) : exporter.Xlsx(rows), request.Text.LedgerCaption(from, to, rows.Count), replyTo: request.Message.MessageId);
    }
}
