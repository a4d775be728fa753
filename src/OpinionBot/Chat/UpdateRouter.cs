using OpinionBot.Commands;
using OpinionBot.People;
using OpinionBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace OpinionBot.Chat;

/// <summary>
/// Sends each update to the handler for its kind. The last handled update id is stored in the same transaction as
/// whatever the update changed, so an update delivered twice changes nothing.
/// </summary>
public sealed class UpdateRouter(
    OpinionDatabase db,
    ITelegramBotClient bot,
    CardPresses presses,
    CardNotes notes,
    CommandRouter commands,
    PeopleDirectory people,
    ConfiguredChats chats,
    ChatLanguages languages,
    Outbox outbox,
    ChatMembership membership,
    ILogger<UpdateRouter> logger)
{
    internal const string LastUpdateKey = "telegram-last-update-id";

    public int NextOffset() => (int)(db.Read(s => s.Counters.Get(LastUpdateKey)) + 1);

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        if (update.Id <= db.Read(s => s.Counters.Get(LastUpdateKey)))
        {
            return;
        }

        try
        {
            switch (update.Type)
            {
                case UpdateType.CallbackQuery when update.CallbackQuery is { } query:
                    await HandlePressAsync(update.Id, query, cancellationToken);
                    return;
                case UpdateType.Message when update.Message is { MigrateToChatId: not null } or { MigrateFromChatId: not null }:
                    membership.Migrated(update.Message);
                    break;
                case UpdateType.Message when update.Message is { } message:
                    HandleMessage(update.Id, message);
                    return;
                case UpdateType.MyChatMember when update.MyChatMember is { } change:
                    membership.Changed(change);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Hostile or unexpected input must not stop the bot; the update is skipped, not retried forever,
            // and the person is told rather than left waiting.
            logger.LogWarning(ex, "Could not handle update {UpdateId}", update.Id);
            await ApologiseAsync(update, cancellationToken);
        }

        MarkHandled(update.Id);
    }

    private async Task ApologiseAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            if (update.CallbackQuery is { } query)
            {
                await bot.AnswerCallbackQuery(query.Id, languages.For(query.Message?.Chat.Id ?? 0).SomethingWentWrong, cancellationToken: cancellationToken);
            }
            else if (update.Message is { Text: ['/', ..] } message &&
                     (message.Chat.Type == ChatType.Private || chats.Contains(message.Chat.Id)))
            {
                db.Write(_ => outbox.Send(message.Chat.Id, languages.For(message.Chat.Id).SomethingWentWrong, replyTo: message.MessageId));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not tell the user about the failed update {UpdateId}: {Error}", update.Id, ex.Message);
        }
    }

    private async Task HandlePressAsync(int updateId, CallbackQuery query, CancellationToken cancellationToken)
    {
        var toast = db.Write(_ =>
        {
            people.Remember(query.From.Id, query.From.FirstName, query.From.LastName, query.From.Username);
            var answer = commands.TryPress(query) ?? presses.Handle(query);
            db.Write(s => s.Counters.Set(LastUpdateKey, updateId));
            return answer;
        });

        try
        {
            await bot.AnswerCallbackQuery(query.Id, toast, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is stored; a lost toast only leaves the button spinning for a moment.
            logger.LogWarning("Could not answer button press {QueryId}: {Error}", query.Id, ex.Message);
        }
    }

    private void HandleMessage(int updateId, Message message) =>
        db.Write(_ =>
        {
            if (message.From is { IsBot: false } from)
            {
                people.Remember(from.Id, from.FirstName, from.LastName, from.Username, message.Chat.Type == ChatType.Private);
                if (!commands.TryHandle(message))
                {
                    notes.TryAdd(message);
                }
            }

            db.Write(s => s.Counters.Set(LastUpdateKey, updateId));
        });

    /// <summary>Records an update as done without handling it (one that cannot be read), so polling moves past it.</summary>
    public void Skip(int updateId) => MarkHandled(updateId);

    private void MarkHandled(int updateId) => db.Write(s =>
    {
        if (updateId > s.Counters.Get(LastUpdateKey))
        {
            s.Counters.Set(LastUpdateKey, updateId);
        }
    });
}
