using OpinionBot.Incidents;

namespace OpinionBot.Chat;

/// <summary>
/// Marks the first card of a newly opened incident, by how urgent it is. Ordinary ones may be folded into a digest
/// card when a chat is flooded; 重大 and negative ones always get their own card, 重大 first.
/// </summary>
public enum OpeningCard
{
    Ordinary = 1,
    Negative = 2,
    Major = 3,
}

public static class OpeningCards
{
    public static OpeningCard Of(Incident incident) =>
        incident.Grade == Grade.Major ? OpeningCard.Major : incident.Negative ? OpeningCard.Negative : OpeningCard.Ordinary;
}
