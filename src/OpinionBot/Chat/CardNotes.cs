using System.Text.RegularExpressions;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace OpinionBot.Chat;

/// <summary>
/// A text reply to a card adds a note to its incident: the on-duty officer's phone workflow. A reply to the bot's
/// send-back prompt (✍️) sends the incident back with that text as the reason.
/// </summary>
public sealed partial class CardNotes(
    OpinionDatabase db,
    IncidentService incidents,
    PeopleDirectory people,
    ITelegramBotClient bot,
    Outbox outbox,
    ChatLanguages languages)
{
    /// <summary>Adds the note if the message replies to a card; runs inside the update's transaction.</summary>
    public bool TryAdd(Message message)
    {
        if (message.ReplyToMessage is not { } original || string.IsNullOrWhiteSpace(message.Text) ||
            message.Text.StartsWith('/') || message.From is not { } from)
        {
            return false;
        }

        var chatId = message.Chat.Id;
        if (original.From?.Id == bot.BotId && PromptedNumber(original.Text) is { } number)
        {
            SendBack(message, from.Id, number);
            return true;
        }

        var card = db.Read(s => s.Cards.AtMessage(chatId, original.MessageId));
        if (card is null)
        {
            return false;
        }

        var incident = db.Read(s => s.Incidents.Get(card.IncidentId));
        var actor = new Actor(from.Id, people.NameOf(from.Id), people.RoleFor(from.Id, incident));
        return incidents.Note(card.IncidentId, actor, message.Text).Succeeded;
    }

    private void SendBack(Message message, long userId, string number)
    {
        var chatId = message.Chat.Id;
        var text = languages.For(chatId);
        var incident = db.Read(s => s.Incidents.Find(number));
        if (incident is null)
        {
            outbox.Send(chatId, text.UnknownIncident, replyTo: message.MessageId);
            return;
        }

        var actor = new Actor(userId, people.NameOf(userId), people.RoleFor(userId, incident));
        var reason = message.Text!.Trim();
        var result = incidents.Apply(incident.Id, IncidentAction.SendBack, actor, comment: reason.Length > 500 ? reason[..500] : reason);
        var now = result.Incident ?? incident;
        var answer = result.Outcome switch
        {
            ActionOutcome.Done => text.CommandApplied(now.Number, text.ActionName("sendback"), text.Status(now.Status)),
            ActionOutcome.Forbidden => text.ForbiddenFor(Permissions.MinimumFor(IncidentAction.SendBack, now.Status)),
            ActionOutcome.NotAllowed => text.NotInThisState(now.Number, text.Status(now.Status)),
            _ => text.Answer(result.Outcome, IncidentAction.SendBack),
        };
        outbox.Send(chatId, answer, replyTo: message.MessageId);
    }

    /// <summary>The incident number of a send-back prompt (<c>✍️ 2026-0042 …</c>), or null for any other message.</summary>
    internal static string? PromptedNumber(string? text) =>
        text is not null && Prompt().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"^✍️ (\d{4}-\d{4,}) ")]
    private static partial Regex Prompt();
}
