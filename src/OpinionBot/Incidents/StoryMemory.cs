using Microsoft.Extensions.Options;
using OpinionBot.Cluster;
using OpinionBot.Matching;
using OpinionBot.Storage;

namespace OpinionBot.Incidents;

/// <summary>
/// Keeps the in-memory story index and the focused-monitoring watches in step with what is stored: rebuilt at start
/// from the appearances still inside the story window, tidied on every upkeep tick.
/// </summary>
public sealed class StoryMemory(
    OpinionDatabase db,
    StoryIndex stories,
    FocusedMonitoring focused,
    TimeProvider time,
    IOptions<MatchingOptions> matching,
    IOptions<ClusterOptions> cluster,
    Chat.SupervisorNotices notices,
    ILogger<StoryMemory> logger) : IHostedService
{
    // What of the index's early forgetting was last logged, and when the supervisors were last told of it.
    private long _loggedForgotten;
    private DateTimeOffset? _told;

    private const string StorySeqKey = "story-seq";

    // The highest incident id the index has looked at, for catching up with other nodes' incidents, and the highest
    // story sequence number, for the appearances other nodes added to incidents this index already knows.
    private long _lastId;
    private long _lastSeq;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - matching.Value.StoryWindow;
        var count = 0;
        _lastId = db.Read(s => s.Incidents.Latest(0, 1) is [var newest, ..] ? newest.Id : 0);
        _lastSeq = cluster.Value.Enabled ? db.Read(s => s.Counters.Get(StorySeqKey)) : 0;
        // A closed story is forgotten; every other incident may still gather appearances. Read a batch at a time: one
        // read of every unclosed incident would hold all their pages at once, and LiteDB's page cache keeps that size.
        foreach (var batch in db.Read(s => s.Incidents.UnclosedIds()).Chunk(500))
        {
            foreach (var incident in db.Read(s => batch.Select(s.Incidents.Get).OfType<Incident>().ToList()))
            {
                count += incident.Status == IncidentStatus.Closed ? 0 : Learn(incident, since);
            }
        }

        focused.Refresh();
        logger.LogInformation("Story index rebuilt from {Count} recent appearances", count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Cluster mode: other nodes write to the same database.</summary>
    public bool Clustered => cluster.Value.Enabled;

    /// <summary>
    /// In cluster mode other nodes open incidents and add appearances too, and a repost of their story must join them
    /// here: before a check is judged (and again inside its transaction), the index learns the incidents opened since it
    /// last looked and the appearances other nodes added since (two indexed reads; nothing on one node, where every
    /// incident and appearance comes from this process's intake).
    /// </summary>
    public void CatchUp()
    {
        if (!cluster.Value.Enabled)
        {
            return;
        }

        // Inside one storage session (joining the check's write when called from its commit): sessions take turns, so two
        // catch-ups never run at once. No lock of its own: one taken before the session deadlocked against a commit.
        db.Read(s =>
        {
            Learn(s, time.GetUtcNow() - matching.Value.StoryWindow);
            return 0;
        });
    }

    private void Learn(StoreSession s, DateTimeOffset since)
    {
        var learnt = new HashSet<long>();
        foreach (var incident in s.Incidents.After(_lastId))
        {
            _lastId = Math.Max(_lastId, incident.Id);
            if (incident.Status != IncidentStatus.Closed && !stories.Knows(incident.Id))
            {
                Learn(incident, since);
                learnt.Add(incident.Id);
            }
        }

        var self = cluster.Value.NodeName;
        var lastSeq = _lastSeq;
        foreach (var incident in s.Incidents.StoryChangedAfter(lastSeq))
        {
            _lastSeq = Math.Max(_lastSeq, incident.StorySeq);
            if (incident.Status == IncidentStatus.Closed || learnt.Contains(incident.Id))
            {
                continue; // a closed story is forgotten; one just learnt whole has these appearances already
            }

            foreach (var appearance in incident.Appearances.Where(a => a.StorySeq > lastSeq && a.Node != self &&
                                                                       a.Discovered >= since && a.Fingerprint is not null))
            {
                stories.Add(incident.Id, StoryFingerprint.Parse(appearance.Fingerprint), appearance.Discovered);
            }
        }
    }

    /// <summary>
    /// Cluster mode: this node's name and the next story sequence number, for an appearance it is about to add (in the
    /// caller's write, so the number is taken with it); null on one node.
    /// </summary>
    public (string Node, long Seq)? Stamp() =>
        cluster.Value.Enabled ? (cluster.Value.NodeName, db.Write(s => s.Counters.Next(StorySeqKey))) : null;

    private int Learn(Incident incident, DateTimeOffset since)
    {
        var count = 0;
        foreach (var appearance in incident.Appearances.Where(a => a.Discovered >= since && a.Fingerprint is not null))
        {
            stories.Add(incident.Id, StoryFingerprint.Parse(appearance.Fingerprint), appearance.Discovered);
            count++;
        }

        return count;
    }

    /// <summary>Drops stories past their window and expired watches; says so when the index's limit forgot some early.</summary>
    public void Tidy()
    {
        var now = time.GetUtcNow();
        stories.Prune(now);
        focused.Refresh();
        if (stories.Forgotten is { } forgotten && forgotten.Appearances > _loggedForgotten)
        {
            // Reposts of those stories now open new incidents instead of joining theirs: not to be found in a log only.
            logger.LogWarning("The story index holds its limit of {Limit} appearances: {Count} forgotten before the window ended, the latest seen at {Through}",
                stories.Limit, forgotten.Appearances - _loggedForgotten, forgotten.Through);
            _loggedForgotten = forgotten.Appearances;
            if (_told is null || now - _told > TimeSpan.FromDays(1))
            {
                _told = now;
                notices.Post(t => t.StoryIndexFull(stories.Limit, forgotten.Through));
            }
        }
    }
}
