using Microsoft.Extensions.Options;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>Notices about the chats themselves (lost, back, moved) for the supervisors' chat, or the team chat without one.</summary>
public sealed class ChatAlerts(OpinionDatabase db, Outbox outbox, ChatLanguages languages, IOptionsMonitor<ChatsOptions> chats)
{
    /// <summary>Queues an HTML notice in the chat's language. Joins the caller's write.</summary>
    public void Tell(Func<Strings, string> html)
    {
        var configured = chats.CurrentValue;
        var chatId = configured.Supervisors != 0 ? configured.Supervisors : configured.Team;
        if (chatId != 0)
        {
            db.Write(_ => outbox.Send(chatId, html(languages.For(chatId))));
        }
    }
}
