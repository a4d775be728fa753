namespace OpinionBot.Matching;

/// <summary>The topics added, changed or removed from the chat (names compare case-insensitively).</summary>
public interface ITopicCatalogStore
{
    IReadOnlyList<StoredTopic> All();

    /// <summary>Stores the change in place of any earlier one for the same name.</summary>
    void Save(StoredTopic topic);
}
