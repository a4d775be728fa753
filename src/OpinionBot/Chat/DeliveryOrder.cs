namespace OpinionBot.Chat;

/// <summary>
/// Which waiting message of a chat goes next. New 重大 cards first, then negative ones, then what people wait for
/// (replies, notices, reposted cards, digests, files), then ordinary new cards, and card edits last: edits are coalesced
/// and only refresh what is already on screen, so they never hold up a new card. Oldest first within each rank.
/// </summary>
public static class DeliveryOrder
{
    public static int Rank(OutboxEntry message) => message switch
    {
        { Opening: OpeningCard.Major } => 0,
        { Opening: OpeningCard.Negative } => 1,
        { Opening: OpeningCard.Ordinary } => 3,
        { Kind: OutboxKind.EditCard } => 4,
        _ => 2,
    };

    /// <summary>
    /// The next message of one chat's waiting messages (sorted by id), skipping <paramref name="held"/> ones and any
    /// edit of, or reply to, a card that is itself still waiting: that one must reach the chat first.
    /// </summary>
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
            if (held(message) || (best is not null && Rank(message) >= Rank(best)))
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
