using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>The bot's own membership: removed from and added back to chats, and groups upgraded to supergroups.</summary>
public sealed partial class FakeBotApi
{
    /// <summary>
    /// Queues a "my_chat_member" update: the bot's status in the chat changed to <paramref name="status"/> ("member",
    /// "administrator", "left", "kicked"). "member" and "administrator" also lift <see cref="RemoveBotFrom"/>.
    /// </summary>
    public int InjectMyChatMember(long chatId, string status, long byUserId = 601)
    {
        lock (state.Gate)
        {
            var chat = state.Chat(chatId);
            chat.BotRemoved = status is "left" or "kicked";
            var oldStatus = chat.BotRemoved ? "member" : "left";
            var change = new JsonObject
            {
                ["chat"] = BotApiJson.Chat(chat),
                ["from"] = state.User(byUserId),
                ["date"] = state.Time.GetUtcNow().ToUnixTimeSeconds(),
                ["old_chat_member"] = new JsonObject { ["status"] = oldStatus, ["user"] = state.BotUser() },
                ["new_chat_member"] = new JsonObject { ["status"] = status, ["user"] = state.BotUser() },
            };
            return updates.Add(id => new JsonObject { ["update_id"] = id, ["my_chat_member"] = change });
        }
    }

    /// <summary>
    /// Upgrades a group to a supergroup: from now on calls for <paramref name="oldChatId"/> get 400 with
    /// migrate_to_chat_id. With <paramref name="announce"/>, also queues the service message Telegram posts in the old
    /// group (migrate_to_chat_id), as a bot in the group receives it.
    /// </summary>
    public void MigrateChat(long oldChatId, long newChatId, bool announce = false)
    {
        lock (state.Gate)
        {
            var old = state.Chat(oldChatId);
            old.MigratedTo = newChatId;
            state.Chat(newChatId, "supergroup");
            if (!announce)
            {
                return;
            }

            var message = new JsonObject
            {
                ["message_id"] = old.NextMessageId++,
                ["from"] = state.User(601),
                ["chat"] = BotApiJson.Chat(old),
                ["date"] = state.Time.GetUtcNow().ToUnixTimeSeconds(),
                ["migrate_to_chat_id"] = newChatId,
            };
            updates.Add(id => BotApiJson.MessageUpdate(id, message));
        }
    }
}
