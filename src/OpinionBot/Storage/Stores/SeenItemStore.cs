using OpinionBot.Sources;

namespace OpinionBot.Storage.Stores;

internal sealed class SeenItemStore(IDocumentTable<SeenItem> items) : ISeenItemStore
{
    public bool HasSeen(string url) => items.Get(url) is not null;

    // A check asks about its whole list in one call, answered by one query (not a lookup per URL).
    public IReadOnlySet<string> Seen(IEnumerable<string> urls) =>
        items.StoredIds(urls as IReadOnlyCollection<string> ?? [.. urls]);

    public void Remember(IEnumerable<SeenItem> seen)
    {
        foreach (var item in seen)
        {
            items.Insert(item);
        }
    }

    public int Count() => items.Count();
}
