using OpinionBot.Matching;

namespace OpinionBot.Storage.Stores;

internal sealed class TopicCatalogStore(IDocumentTable<StoredTopic> topics) : ITopicCatalogStore
{
    // The catalog is small (the topics changed from the chat): read whole.
    public IReadOnlyList<StoredTopic> All() => topics.All();

    // Names compare case-insensitively whatever the provider's collation.
    public void Save(StoredTopic topic)
    {
        foreach (var stored in topics.All().Where(t => string.Equals(t.Name, topic.Name, StringComparison.OrdinalIgnoreCase)))
        {
            topics.Delete(stored.Name);
        }

        topics.Insert(topic);
    }
}
