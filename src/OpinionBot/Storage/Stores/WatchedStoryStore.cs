using OpinionBot.Matching;

namespace OpinionBot.Storage.Stores;

internal sealed class WatchedStoryStore(IDocumentTable<WatchedStory> watches) : IWatchedStoryStore
{
    public void Save(WatchedStory watch) => watches.Upsert(watch);

    public bool Remove(long incidentId) => watches.Delete(incidentId);

    public IReadOnlyList<WatchedStory> Active(DateTimeOffset now) =>
        [.. watches.Range(nameof(WatchedStory.Expires), from: now, until: null).Where(w => w.Expires > now).OrderBy(w => w.Id)];

    public void ForgetExpired(DateTimeOffset now)
    {
        // Range's end is exclusive; expired means Expires <= now.
        foreach (var expired in watches.Range(nameof(WatchedStory.Expires), from: null, until: now.AddTicks(1)))
        {
            watches.Delete(expired.Id);
        }
    }

    public int Count() => watches.Count();
}
