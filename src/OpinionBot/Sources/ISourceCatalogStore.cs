namespace OpinionBot.Sources;

/// <summary>The sources added, changed or removed from the chat (names compare case-insensitively).</summary>
public interface ISourceCatalogStore
{
    IReadOnlyList<StoredSource> All();

    /// <summary>Stores the change in place of any earlier one for the same name.</summary>
    void Save(StoredSource source);

    void Forget(string name);
}
