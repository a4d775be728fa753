using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Reports.Documents;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/ledger [csv] [from] [to]</c>: the ledger (台账) of incidents discovered in those local days as an .xlsx document,
/// or a UTF-8 CSV with BOM; this month by default. Lists evidence numbers and assignees by name.
/// </summary>
public sealed class LedgerCommand(
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

        // A year's ledger is a big file: the sender reads and builds it outside any transaction, so intake and other
        // chats never wait for it. The order is stored with this command, so a restart still sends it.
        var csv = format == "csv";
        var order = new DocumentOrder
        {
            Kind = DocumentKind.Ledger,
            Format = csv ? "csv" : "xlsx",
            Culture = request.Text.Culture,
            AsOf = now,
            From = DocumentOrder.Day(from),
            To = DocumentOrder.Day(to),
        };
        var exporter = new LedgerExporter(request.Text, zone, deadlines.CurrentValue);
        outbox.SendMade(request.ChatId, OutboxKind.Document, exporter.FileName(from, to, order.Format), order, "", replyTo: request.Message.MessageId);
    }
}
