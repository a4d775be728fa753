using OpinionBot.Sources;

namespace OpinionBot.Storage.Stores;

internal sealed class SeenItemStore(IDocumentTable<SeenItem> items) : ISeenItemStore
{
    public bool HasSeen(string url) => items.Get(url) is not null;

    // One lookup by id per URL, as before the stores: a check asks about its whole list in one call.
    public IReadOnlySet<string> Seen(IEnumerable<string> urls)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var url in urls)
        {
            if (!seen.Contains(url) && items.Get(url) is not null)
            {
                seen.Add(url);
            }
        }

        return seen;
    }

    public void Remember(IEnumerable<SeenItem> seen)
    {
        foreach (var item in seen)
        {
            items.Insert(item);
        }
    }

    public int Count() => items.Count();
}
