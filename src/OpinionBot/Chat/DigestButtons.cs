using System.Globalization;
using OpinionBot.Commands;
using OpinionBot.Incidents;
using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>
/// Presses on a digest card: turn its page, or open one incident, which posts that incident's full card (with its
/// action buttons) in the chat; the card's message id is recorded on delivery, so later edits and replies find it.
/// </summary>
public sealed class DigestButtons(OpinionDatabase db, CardPublisher publisher) : ICommandButtons
{
    public string Key => DigestCard.Key;

    public string Press(ButtonRequest request)
    {
        var parts = request.Payload.Split(':');
        if (parts.Length != 3 || parts[0] is not ("o" or "p") ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var digestId) ||
            !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var argument) ||
            db.Read(s => s.Digests.Find(digestId)) is not { } digest || digest.ChatId != request.ChatId)
        {
            return request.Text.BadButton;
        }

        if (parts[0] == "p")
        {
            var incidents = db.Read(s => digest.IncidentIds.Select(s.Incidents.Get).OfType<Incident>().ToList());
            var (html, buttons) = DigestCard.Render(digest, incidents, request.Text, (int)Math.Min(argument, int.MaxValue));
            request.Edit(html, buttons);
            return "";
        }

        if (!digest.IncidentIds.Contains(argument) || db.Read(s => s.Incidents.Get(argument)) is not { } incident)
        {
            return request.Text.UnknownIncident;
        }

        // A card placed but not yet delivered is on its way: a second press must not post it twice.
        if (db.Read(s => s.Cards.Find(incident.Id, request.ChatId) is { MessageId: 0 } &&
                         s.Outbox.WaitingEntries().Any(m => m.ChatId == request.ChatId && m.IncidentId == incident.Id && m.Kind == OutboxKind.Send)))
        {
            return request.Text.CardAlreadyComing(incident.Number);
        }

        publisher.Repost(incident, request.ChatId);
        return request.Text.CardComing(incident.Number);
    }
}
