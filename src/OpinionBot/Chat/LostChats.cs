using Microsoft.Extensions.Options;
using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>A chat that refused the bot (403: kicked from the group, or blocked by the user).</summary>
public sealed class LostChat
{
    public long Id { get; set; }
    public DateTimeOffset Since { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>
/// Chats the bot can no longer post to. The supervisors are told once; until the bot is back (a <c>my_chat_member</c>
/// update), nothing more is sent there: cards and notices go to the team chat (the supervisors' chat when the team chat
/// itself is lost) headed with the place they were meant for, edits are dropped, and private notices are given up.
/// </summary>
public sealed class LostChats(
    OpinionDatabase db,
    ChatPlaces places,
    ChatAlerts alerts,
    ChatLanguages languages,
    IOptionsMonitor<ChatsOptions> chats,
    TimeProvider time,
    ILogger<LostChats> logger)
{
    public IReadOnlySet<long> Snapshot() => db.Read(s => s.Chats.LostChats().Select(c => c.Id).ToHashSet());

    /// <summary>Records the chat as lost (telling the supervisors the first time) and reroutes the refused message.</summary>
    public void Lose(OutboxMessage message, string reason) => db.Write(_ =>
    {
        Lose(message.ChatId, reason);
        Reroute(message);
    });

    /// <summary>Records the chat as lost; the supervisors hear of it only the first time. Joins the caller's write.</summary>
    public void Lose(long chatId, string reason) => db.Write(s =>
    {
        if (!s.Chats.MarkLost(new LostChat { Id = chatId, Since = time.GetUtcNow(), Reason = reason }))
        {
            return;
        }

        var target = RerouteTarget(chatId);
        logger.LogError("Lost chat {ChatId} ({Reason}); its messages now go to {Target}", chatId, reason, target);
        alerts.Tell(text => text.ChatLost(chatId, places.Describe(chatId, text), CardRenderer.Html(reason),
            target is { } to ? text.LostRerouted(places.Describe(to, text)) : text.LostNotRerouted));
    });

    /// <summary>The bot is back in the chat: messages go there again and the supervisors are told.</summary>
    public void Found(long chatId) => db.Write(s =>
    {
        if (s.Chats.MarkFound(chatId))
        {
            logger.LogInformation("Chat {ChatId} is back", chatId);
            alerts.Tell(text => text.ChatBack(chatId, places.Describe(chatId, text)));
        }
    });

    /// <summary>Sends a message meant for a lost chat elsewhere, marked, or gives it up. Joins the caller's write.</summary>
    public void Reroute(OutboxMessage message) => db.Write(s =>
    {
        var now = time.GetUtcNow();
        message.SendingAt = null;
        if (message.Kind is OutboxKind.EditCard or OutboxKind.EditMessage || RerouteTarget(message.ChatId) is not { } target)
        {
            // An edit has nothing to edit elsewhere; a private notice is about its reader alone.
            message.Attempts++;
            message.Failed = true;
            message.LastError = "chat lost";
            message.DeliveredAt = now;
            s.Outbox.Save(message);
            if (message.FileId is not null)
            {
                s.Files.Delete(message.FileId);
            }

            return;
        }

        var heading = languages.For(target).ReroutedFor(places.Describe(message.ChatId, languages.For(target)));
        message.Text = heading + "\n" + message.Text;
        if (message.Kind == OutboxKind.Send && message.IncidentId is { } incident)
        {
            // The target chat shows this incident's own card with its buttons: the copy goes under it, without buttons.
            message.ReplyToCardOf = incident;
            message.IncidentId = null;
            message.Buttons = null;
        }

        message.ReplyToMessageId = null;
        message.ChatId = target;
        message.NextAttemptAt = now;
        s.Outbox.Save(message);
    });

    /// <summary>The team chat, or the supervisors' chat when the team chat is the lost one; null for private chats.</summary>
    private long? RerouteTarget(long lostChat)
    {
        if (lostChat > 0)
        {
            return null;
        }

        var configured = chats.CurrentValue;
        return new[] { configured.Team, configured.Supervisors, configured.Leadership }
            .FirstOrDefault(id => id != 0 && id != lostChat && !db.Read(s => s.Chats.IsLost(id))) is var found and not 0 ? found : null;
    }
}
