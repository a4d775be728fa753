namespace OpinionBot.Sources;

/// <summary>The items already processed, by canonical URL: every source check asks about thousands at once.</summary>
public interface ISeenItemStore
{
    bool HasSeen(string url);

    /// <summary>Those of <paramref name="urls"/> that were seen before.</summary>
    IReadOnlySet<string> Seen(IEnumerable<string> urls);

    void Remember(IEnumerable<SeenItem> items);

    int Count();
}
