using Microsoft.Extensions.Options;
using OpinionBot.People;
using OpinionBot.Settings;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>What a chat id is to the team (team chat, a department's chat …) and which settings name it.</summary>
public sealed class ChatPlaces(IOptionsMonitor<ChatsOptions> chats, IOptionsMonitor<MonitoringOptions> monitoring, PeopleDirectory people)
{
    /// <summary>"the team chat", "the chat of department “X”" …; several roles joined; a private chat names the person.</summary>
    public string Describe(long chatId, Strings text)
    {
        var configured = chats.CurrentValue;
        var places = new List<string>();
        if (chatId == configured.Team)
        {
            places.Add(text.TeamChatPlace);
        }

        if (chatId == configured.Leadership)
        {
            places.Add(text.LeadershipChatPlace);
        }

        if (chatId == configured.Supervisors)
        {
            places.Add(text.SupervisorsChatPlace);
        }

        places.AddRange(monitoring.CurrentValue.Departments.Where(d => d.Chat == chatId).Select(d => text.DepartmentChatPlace(CardRenderer.Html(d.Name))));
        if (places.Count == 0)
        {
            places.Add(chatId > 0 ? text.PrivateChatPlace(CardRenderer.Html(people.NameOf(chatId))) : text.UnknownChatPlace);
        }

        return string.Join(text.IsChinese ? "、" : ", ", places);
    }

    /// <summary>The settings that hold this chat id, e.g. <c>Chats:Team</c>, <c>Departments:2:Chat</c>.</summary>
    public IReadOnlyList<string> Settings(long chatId)
    {
        var configured = chats.CurrentValue;
        var keys = new List<string>();
        if (chatId == configured.Team)
        {
            keys.Add("Chats:Team");
        }

        if (chatId == configured.Leadership)
        {
            keys.Add("Chats:Leadership");
        }

        if (chatId == configured.Supervisors)
        {
            keys.Add("Chats:Supervisors");
        }

        var departments = monitoring.CurrentValue.Departments;
        keys.AddRange(Enumerable.Range(0, departments.Count).Where(i => departments[i].Chat == chatId).Select(i => $"Departments:{i}:Chat"));
        return keys;
    }
}
