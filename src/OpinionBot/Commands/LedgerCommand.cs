using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Reports;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Commands;

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
    TimeProvider time,
    ILogger<LedgerCommand> logger) : ICommandFamily
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
        var (chatId, replyTo, text) = (request.ChatId, request.Message.MessageId, request.Text);
        var exporter = new LedgerExporter(text, zone, deadlines.CurrentValue);
        var csv = format == "csv";
        // A year's ledger is a big file: it is read after the command's transaction and built outside any, so intake
        // and the sender never wait for it. The file follows when it is ready.
        _ = Task.Run(() =>
        {
            try
            {
                var rows = db.Read(s => exporter.Rows(s.Incidents.DiscoveredBetween(start, end), from, to, now, people.NameOf, evidence.Numbers));
                var file = csv ? exporter.Csv(rows) : exporter.Xlsx(rows);
                db.Write(_ => outbox.SendFile(chatId, OutboxKind.Document, exporter.FileName(from, to, csv ? "csv" : "xlsx"),
                    file, text.LedgerCaption(from, to, rows.Count), replyTo: replyTo));
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not build the ledger for chat {ChatId}", chatId);
                Apologise(chatId, replyTo, text);
            }
        });
    }

    private void Apologise(long chatId, int replyTo, Strings text)
    {
        try
        {
            db.Write(_ => outbox.Send(chatId, text.SomethingWentWrong, replyTo: replyTo));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not tell chat {ChatId} the ledger failed", chatId);
        }
    }
}
