using OpinionBot.People;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace OpinionBot.Chat;

/// <summary>
/// What Telegram tells about the bot's own place in chats: added back or removed (<c>my_chat_member</c>), and a group
/// upgraded to a supergroup (the <c>migrate_to_chat_id</c> / <c>migrate_from_chat_id</c> service messages).
/// </summary>
public sealed class ChatMembership(LostChats lost, ChatMigration migration, ConfiguredChats chats, PeopleDirectory people)
{
    public void Changed(ChatMemberUpdated change)
    {
        var chatId = change.Chat.Id;
        switch (change.NewChatMember.Status)
        {
            case ChatMemberStatus.Member or ChatMemberStatus.Administrator or ChatMemberStatus.Creator or ChatMemberStatus.Restricted:
                lost.Found(chatId);
                break;
            case ChatMemberStatus.Left or ChatMemberStatus.Kicked when chats.Contains(chatId) || (chatId > 0 && people.IsKnown(chatId)):
                // Known at once, before a card bounces: the supervisors hear now, not at the next incident.
                lost.Lose(chatId, change.Chat.Type == ChatType.Private ? "blocked by the user" : "removed from the group");
                break;
        }
    }

    public void Migrated(Message message)
    {
        if (message.MigrateToChatId is { } to)
        {
            migration.Follow(message.Chat.Id, to);
        }
        else if (message.MigrateFromChatId is { } from)
        {
            migration.Follow(from, message.Chat.Id);
        }
    }
}
