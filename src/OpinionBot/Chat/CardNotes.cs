using OpinionBot.Incidents;
using OpinionBot.Storage;
using Telegram.Bot.Types;

namespace OpinionBot.Chat;

/// <summary>A text reply to a card adds a note to its incident: the on-duty officer's phone workflow.</summary>
public sealed class CardNotes(OpinionDatabase db, IncidentService incidents, PeopleDirectory people)
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
        var card = db.Cards.FindOne(c => c.ChatId == chatId && c.MessageId == original.MessageId);
        if (card is null)
        {
            return false;
        }

        var incident = db.Incidents.FindById(card.IncidentId);
        var actor = new Actor(from.Id, people.NameOf(from.Id), people.RoleFor(from.Id, incident));
        return incidents.Note(card.IncidentId, actor, message.Text).Succeeded;
    }
}
