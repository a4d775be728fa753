using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Storage;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/backup</c> (supervisors): a consistent, verified copy of the database now. The copy needs the write lock, so it
/// runs after the command's transaction; the reply comes when it is done.
/// </summary>
public sealed class BackupCommand(DatabaseBackup backup, OpinionDatabase db, Outbox outbox, ILogger<BackupCommand> logger) : ICommandFamily
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
        [new("backup", t => t.BackupDescription, _ => "/backup") { Required = Role.Supervisor, Menu = Role.Supervisor }];

    public void Handle(CommandRequest request)
    {
        var (chatId, replyTo, text) = (request.ChatId, request.Message.MessageId, request.Text);
        if (!backup.Supported)
        {
            request.Reply(text.BackupByPgDump);
            return;
        }

        request.Reply(text.BackupStarted);
        _ = Task.Run(async () =>
        {
            string answer;
            try
            {
                var result = await backup.RunAsync(CancellationToken.None);
                answer = text.BackupDone(CardRenderer.Html(Path.GetFileName(result.File)), result.Bytes, result.Incidents);
            }
            catch (Exception ex)
            {
                answer = text.BackupFailed(CardRenderer.Html(ex.Message));
            }

            try
            {
                db.Write(_ => outbox.Send(chatId, answer, replyTo: replyTo));
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not report the backup result to chat {ChatId}", chatId);
            }
        });
    }
}
