using Microsoft.Extensions.Options;
using OpinionBot.Settings;
using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>
/// Follows a group that Telegram upgraded to a supergroup (<c>migrate_to_chat_id</c>, from a refused send or from the
/// service message): the new id replaces the old one everywhere it is stored, and the supervisors are told once which
/// setting to change.
/// </summary>
public sealed class ChatMigration(
    OpinionDatabase db,
    ChatPlaces places,
    ChatAlerts alerts,
    ChatMoves moves,
    IOptionsMonitorCache<ChatsOptions> chatsCache,
    IOptionsMonitorCache<MonitoringOptions> monitoringCache,
    TimeProvider time,
    ILogger<ChatMigration> logger)
{
    public void Follow(long oldId, long newId)
    {
        if (oldId == 0 || newId == 0 || oldId == newId)
        {
            return;
        }

        try
        {
            Record(oldId, newId);
        }
        catch
        {
            // The write rolled back: the moves in memory must not keep what it added.
            moves.Reload();
            chatsCache.Clear();
            monitoringCache.Clear();
            throw;
        }
    }

    private void Record(long oldId, long newId)
    {
        db.Write(s =>
        {
            var now = time.GetUtcNow();
            var first = s.Chats.MoveOf(oldId)?.NewId != newId;
            // Described before the move is applied: afterwards the settings already read the new id.
            var settings = places.Settings(oldId);
            var place = places.Describe(oldId, Text.Strings.Chinese);
            s.Chats.RecordMove(new ChatMove { Id = oldId, NewId = newId, At = now });
            var moved = MoveStored(s, oldId, newId, now);
            moves.Reload();
            chatsCache.Clear();
            monitoringCache.Clear();
            if (first)
            {
                logger.LogWarning("Chat {OldId} ({Place}) became supergroup {NewId}; {Pending} pending messages follow it", oldId, place, newId, moved);
                alerts.Tell(text => text.ChatMoved(oldId, newId, places.Describe(newId, text),
                    settings.Count > 0 ? string.Join(text.IsChinese ? "、" : ", ", settings) : "Chats / Departments"));
            }
        });
    }

    /// <summary>Pending messages, card placements, the chat's language and a lost mark move to the new id.</summary>
    private static int MoveStored(StoreSession s, long oldId, long newId, DateTimeOffset now)
    {
        var pending = s.Outbox.Waiting().Where(m => m.ChatId == oldId).ToList();
        foreach (var message in pending)
        {
            message.ChatId = newId;
            message.NextAttemptAt = now;
            message.ReplyToMessageId = null; // message ids belong to the old chat
            message.SendingAt = null; // refused by Telegram with the new id: not delivered
            s.Outbox.Save(message);
        }

        foreach (var card in s.Cards.InChat(oldId))
        {
            s.Cards.Remove(card.IncidentId, oldId);
            if (s.Cards.Find(card.IncidentId, newId) is null)
            {
                // The old message cannot be edited in the new chat; a card re-sent there records its new id.
                s.Cards.Place(new CardPlacement { Id = CardPlacement.KeyOf(card.IncidentId, newId), IncidentId = card.IncidentId, ChatId = newId });
            }
        }

        if (s.Chats.Setting(oldId) is { } setting)
        {
            s.Chats.ForgetSetting(oldId);
            s.Chats.SaveSetting(new ChatSetting { Id = newId, Culture = setting.Culture });
        }

        s.Chats.MarkFound(oldId);
        return pending.Count;
    }
}
