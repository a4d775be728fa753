namespace OpinionBot.Chat;

/// <summary>
/// Which waiting message of a chat goes next. New 重大 cards first, then negative ones, then what people wait for
/// (replies, notices, reposted cards, digests, files), then ordinary new cards, and card edits last: edits are coalesced
/// and only refresh what is already on screen, so they never hold up a new card. Oldest first within each rank.
/// </summary>
public static class DeliveryOrder
{
    /// <summary>The rank of new 重大 cards, and the only messages of it.</summary>
    public const int MajorCards = 0;

    /// <summary>The rank of ordinary new cards, and the only messages of it.</summary>
    public const int OrdinaryCards = 3;

    public static int Rank(OutboxEntry message) => message switch
    {
        { Opening: OpeningCard.Major } => MajorCards,
        { Opening: OpeningCard.Negative } => 1,
        { Opening: OpeningCard.Ordinary } => OrdinaryCards,
        { Kind: OutboxKind.EditCard } => 4,
        _ => 2,
    };
}

/// <summary>
/// What the sender holds back from a chat for now: everything but new 重大 cards (they go first in every chat), the
/// ordinary new cards of a flooded chat (they go as a digest), the reminders of a chat gathering them for a summary.
/// </summary>
public readonly record struct HeldBack(bool AllButMajorCards, bool OrdinaryCards, bool Reminders)
{
    public bool Holds(OutboxEntry message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AllButMajorCards ? message.Opening != OpeningCard.Major
            : (OrdinaryCards && message.Opening == OpeningCard.Ordinary) || (Reminders && message.Reminder is not null);
    }
}
