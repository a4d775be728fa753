using OpinionBot.Chat;

namespace OpinionBot.Storage.Stores;

internal sealed class CardStore(IDocumentTable<CardPlacement> cards) : ICardStore
{
    public CardPlacement? Find(long incidentId, long chatId) => cards.Get(CardPlacement.KeyOf(incidentId, chatId));

    // Message ids count per chat, so few chats share one.
    public CardPlacement? AtMessage(long chatId, int messageId) =>
        cards.Where(nameof(CardPlacement.MessageId), messageId).FirstOrDefault(c => c.ChatId == chatId);

    public IReadOnlyList<CardPlacement> OfIncident(long incidentId) => cards.Where(nameof(CardPlacement.IncidentId), incidentId);

    public IReadOnlyList<CardPlacement> InChat(long chatId) => cards.Where(nameof(CardPlacement.ChatId), chatId);

    public void Place(CardPlacement card) => cards.Insert(card);

    public void Save(CardPlacement card) => cards.Update(card);

    public bool Remove(long incidentId, long chatId) => cards.Delete(CardPlacement.KeyOf(incidentId, chatId));
}
