namespace OpinionBot.Matching;

/// <summary>
/// Finds the incident an item's story already belongs to: the most similar fingerprint seen within the window.
/// Held in memory; on start, rebuild it by calling <see cref="Add"/> for each stored appearance of recent incidents.
/// Thread-safe.
/// </summary>
public sealed class StoryIndex(TimeSpan window, double threshold = StoryIndex.DefaultThreshold)
{
    /// <summary>Estimated Jaccard similarity from which two items are the same story (tuned on the test fixtures).</summary>
    public const double DefaultThreshold = 0.3;

    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];

    public TimeSpan Window => window;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The incident of the most similar story within <see cref="Window"/> of <paramref name="at"/>, or null.</summary>
    public long? Find(StoryFingerprint fingerprint, DateTimeOffset at)
    {
        if (fingerprint.IsEmpty)
        {
            return null;
        }

        lock (_lock)
        {
            long? best = null;
            var bestSimilarity = threshold;
            foreach (var entry in _entries)
            {
                if ((entry.At - at).Duration() > window)
                {
                    continue;
                }

                var similarity = entry.Fingerprint.Similarity(fingerprint);
                if (similarity >= bestSimilarity)
                {
                    (best, bestSimilarity) = (entry.IncidentId, similarity);
                }
            }

            return best;
        }
    }

    /// <summary>Remembers that <paramref name="incidentId"/> has an appearance with this fingerprint at this time.</summary>
    public void Add(long incidentId, StoryFingerprint fingerprint, DateTimeOffset at)
    {
        if (fingerprint.IsEmpty)
        {
            return;
        }

        lock (_lock)
        {
            _entries.Add(new Entry(incidentId, fingerprint, at));
        }
    }

    /// <summary>Forgets appearances older than the window; call now and then (e.g. from the minute tick).</summary>
    public void Prune(DateTimeOffset now)
    {
        lock (_lock)
        {
            _entries.RemoveAll(e => now - e.At > window);
        }
    }

    /// <summary>Forgets an incident, e.g. one marked as a false alarm or merged by hand.</summary>
    public void Remove(long incidentId)
    {
        lock (_lock)
        {
            _entries.RemoveAll(e => e.IncidentId == incidentId);
        }
    }

    private sealed record Entry(long IncidentId, StoryFingerprint Fingerprint, DateTimeOffset At);
}
