namespace OpinionBot.Chat;

/// <summary>Where incidents' cards are shown: one <see cref="CardPlacement"/> per incident and chat.</summary>
public interface ICardStore
{
    CardPlacement? Find(long incidentId, long chatId);

    /// <summary>The card shown as this message in this chat, if the message is a card.</summary>
    CardPlacement? AtMessage(long chatId, int messageId);

    /// <summary>Every chat's placement of the incident's card.</summary>
    IReadOnlyList<CardPlacement> OfIncident(long incidentId);

    IReadOnlyList<CardPlacement> InChat(long chatId);

    /// <summary>Records a new placement (its message id is filled in on delivery).</summary>
    void Place(CardPlacement card);

    void Save(CardPlacement card);

    bool Remove(long incidentId, long chatId);
}
