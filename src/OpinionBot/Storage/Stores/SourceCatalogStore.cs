using OpinionBot.Sources;

namespace OpinionBot.Storage.Stores;

internal sealed class SourceCatalogStore(IDocumentTable<StoredSource> sources) : ISourceCatalogStore
{
    // The catalog is small (the sources changed from the chat): read whole.
    public IReadOnlyList<StoredSource> All() => sources.All();

    public void Save(StoredSource source)
    {
        Forget(source.Name);
        sources.Insert(source);
    }

    // Names compare case-insensitively whatever the provider's collation.
    public void Forget(string name)
    {
        foreach (var stored in sources.All().Where(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            sources.Delete(stored.Name);
        }
    }
}
