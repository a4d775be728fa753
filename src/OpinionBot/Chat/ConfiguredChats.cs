using Microsoft.Extensions.Options;
using OpinionBot.People;

namespace OpinionBot.Chat;

/// <summary>The group chats the bot works in: team, leadership, supervisors and the departments' chats.</summary>
public sealed class ConfiguredChats(IOptionsMonitor<ChatsOptions> chats, PeopleDirectory people)
{
    public bool Contains(long chatId)
    {
        var configured = chats.CurrentValue;
        return chatId != 0 && (chatId == configured.Team || chatId == configured.Leadership ||
                               chatId == configured.Supervisors || chatId == configured.ReportTo || people.IsDepartmentChat(chatId));
    }
}
