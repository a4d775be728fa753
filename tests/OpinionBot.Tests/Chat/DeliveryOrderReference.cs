using OpinionBot.Chat;

namespace OpinionBot.Tests.Chat;

/// <summary>The delivery order written out plainly (<see cref="DeliveryOrder"/>), for checking the sender's own choice.</summary>
internal static class DeliveryOrderReference
{
    /// <summary>
    /// The next message of one chat's waiting messages (sorted by id), by going through them all: the
    /// definition the sender's <see cref="WaitingMessages.Next"/> is checked against (it keeps them by rank and gives the
    /// same answer without the whole pass).
    /// </summary>
    /// <remarks>
    /// The first of them not <paramref name="held"/> in the lowest rank, skipping any edit of, or reply to, a card that
    /// is itself still waiting: that one must reach the chat first.
    /// </remarks>
    public static OutboxEntry? Next(IReadOnlyList<OutboxEntry> waiting, Func<OutboxEntry, bool> held)
    {
        var cardsWaiting = new Dictionary<long, long>();
        foreach (var message in waiting)
        {
            if (message.Kind == OutboxKind.Send && message.IncidentId is { } incidentId)
            {
                cardsWaiting.TryAdd(incidentId, message.Id);
            }
        }

        OutboxEntry? best = null;
        foreach (var message in waiting)
        {
            if (held(message) || (best is not null && DeliveryOrder.Rank(message) >= DeliveryOrder.Rank(best)))
            {
                continue;
            }

            var card = message.Kind == OutboxKind.EditCard ? message.IncidentId : message.ReplyToCardOf;
            if (card is { } id && cardsWaiting.TryGetValue(id, out var cardMessage) && cardMessage < message.Id)
            {
                continue;
            }

            best = message;
        }

        return best;
    }
}
