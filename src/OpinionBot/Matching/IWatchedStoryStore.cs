namespace OpinionBot.Matching;

/// <summary>The incidents under focused monitoring (one watch per incident).</summary>
public interface IWatchedStoryStore
{
    /// <summary>Starts or renews the watch of <see cref="WatchedStory.Id"/>.</summary>
    void Save(WatchedStory watch);

    bool Remove(long incidentId);

    /// <summary>The watches that expire after <paramref name="now"/>, by incident id.</summary>
    IReadOnlyList<WatchedStory> Active(DateTimeOffset now);

    /// <summary>Deletes the watches expired at <paramref name="now"/>.</summary>
    void ForgetExpired(DateTimeOffset now);

    int Count();
}
