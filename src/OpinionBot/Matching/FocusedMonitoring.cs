using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Matching;

/// <summary>
/// 重点监控: an incident's key terms become temporary keywords for some days, so later coverage is caught even when
/// it misses the original topic. Watches are stored; <see cref="Refresh"/> drops expired ones and hands the rest to the
/// matcher (call it at start and from a periodic tick).
/// </summary>
public sealed class FocusedMonitoring(OpinionDatabase database, TopicMatcher matcher, TimeProvider time, MatchingOptions options, Strings strings)
{
    /// <summary>Starts or renews the watch of an incident with the given (edited) terms.</summary>
    public WatchedStory Watch(long incidentId, string incidentNumber, IReadOnlyList<string> terms, TimeSpan? duration = null)
    {
        var now = time.GetUtcNow();
        var watch = new WatchedStory
        {
            Id = incidentId,
            IncidentNumber = incidentNumber,
            Terms = [.. terms.Select(t => t.Trim()).Where(t => TextNormalizer.NormalizeKeyword(t).Length > 0).Distinct()],
            MinHits = options.WatchMinHits,
            Since = now,
            Expires = now + (duration ?? TimeSpan.FromDays(options.WatchDays)),
        };
        database.Write(s => s.WatchedStories.Save(watch));
        Refresh();
        return watch;
    }

    public bool Unwatch(long incidentId)
    {
        var removed = database.Write(s => s.WatchedStories.Remove(incidentId));
        Refresh();
        return removed;
    }

    public IReadOnlyList<WatchedStory> Active()
    {
        var now = time.GetUtcNow();
        return database.Read(s => s.WatchedStories.Active(now));
    }

    /// <summary>Deletes expired watches and gives the matcher the active ones; returns how many are active.</summary>
    public int Refresh()
    {
        var now = time.GetUtcNow();
        database.Write(s => s.WatchedStories.ForgetExpired(now));
        var active = Active();
        matcher.ReplaceWatches([.. active.Select(w => new WatchTopic(strings.WatchTopicName(w.IncidentNumber), w.Id, w.Terms, w.MinHits))]);
        return active.Count;
    }
}
