using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpinionBot.Matching;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Incidents;

/// <summary>
/// Takes what a source listed and judges each new item (研判): topics, sentiment, story and grade. A new story opens
/// an incident; another appearance of a known story joins it, regrades it and records any worsening. Remembering the
/// item and changing the incident (with its cards in the outbox) is one transaction, so nothing is lost or doubled.
/// </summary>
public sealed class ItemIntake(
    OpinionDatabase db,
    ItemJudge judge,
    StoryIndex stories,
    Grader grader,
    IncidentService incidents,
    StoryMemory memory,
    TimeProvider time,
    IOptionsMonitor<MonitoringOptions> options)
{
    // Per source, the URLs it listed last time (all stored as seen): most of a list page is unchanged between checks.
    // Their keys sorted in an array (binary search): 40 URLs cost 344 bytes, where a HashSet took about 1.9 KB, for each
    // of a thousand sources.
    private readonly ConcurrentDictionary<string, ulong[]> _lastListed = new(StringComparer.OrdinalIgnoreCase);

    // The URLs of the checks between their lookup of seen items and the end of their writes (see SeenClaims).
    private readonly SeenClaims _claims = new();

    /// <summary>
    /// Processes the items in one transaction; returns the incidents opened (not those that only gained an appearance).
    /// </summary>
    public IReadOnlyList<Incident> Take(SourceDefinition source, IReadOnlyList<SourceItem> items)
    {
        IReadOnlyList<Incident> opened;
        using (var prepared = Prepare(source, items))
        {
            opened = db.Write(_ => Commit(prepared));
            Committed(prepared);
        }

        return opened;
    }

    /// <summary>
    /// The costly part, outside the storage lock: items the source listed last time are known already; the rest that
    /// are not stored as seen are judged (topics, sentiment, fingerprint). Dispose the result once its write has
    /// committed or failed: it holds the check's claims on its new URLs (see <see cref="SeenClaims"/>).
    /// </summary>
    public PreparedIntake Prepare(SourceDefinition source, IReadOnlyList<SourceItem> items)
    {
        var listedBefore = _lastListed.GetValueOrDefault(source.Name);
        var fresh = items.Where(i => listedBefore is null || Array.BinarySearch(listedBefore, UrlKey(i.Url)) < 0).ToList();
        if (fresh.Count == 0)
        {
            return new PreparedIntake(source, items, []);
        }

        // Claimed before the lookup: a check that stores one of these URLs after it must be told to look again.
        var claims = _claims.Take(fresh.Select(i => i.Url));
        try
        {
            var seen = db.Read(s => s.SeenItems.Seen(fresh.Select(i => i.Url)));
            var unseen = fresh.Where(i => !seen.Contains(i.Url)).ToList();
            if (unseen.Count > 0)
            {
                memory.CatchUp();
            }

            return new PreparedIntake(source, items, [.. unseen.Select(i => (i, judge.Judge(i)))]) { Claims = claims };
        }
        catch
        {
            claims.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Remembers the judged items and places them in stories and incidents. Call inside <see cref="OpinionDatabase.Write{T}"/>
    /// (the check's one transaction), then <see cref="Committed"/> once it is committed.
    /// </summary>
    public IReadOnlyList<Incident> Commit(PreparedIntake prepared)
    {
        var source = prepared.Source;
        var polledKey = $"source-polled:{source.Name}";
        var firstPoll = db.Read(s => s.Counters.Get(polledKey)) == 0;
        var now = time.GetUtcNow();
        var oldest = now - options.CurrentValue.InitialLookback;
        var opened = new List<Incident>();
        if (prepared.Judged.Any(j => j.Judgement is not null))
        {
            // Again inside the transaction (in cluster mode; nothing on one node): writers are serialized across nodes, so
            // an incident another node opened for this story while this check was judged is known before placing.
            memory.CatchUp();
        }

        // Oldest first, so incident numbers follow publication order. Skipped: what another source listed since it
        // was judged, and a URL listed twice (compared as LiteDB compares ids: ignoring case). Looked up again only when
        // another check had one of these URLs in hand meanwhile (see SeenClaims), or in cluster mode (other nodes' checks
        // are not known here), or for a caller that took no claims.
        var again = prepared.Judged.Count > 0 && (prepared.Claims is not { } claims || claims.Contended || memory.Clustered);
        var seen = again
            ? new HashSet<string>(db.Read(s => s.SeenItems.Seen(prepared.Judged.Select(j => j.Item.Url))), StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var fresh = prepared.Judged.OrderBy(j => j.Item.Published ?? DateTimeOffset.MaxValue).Where(j => seen.Add(j.Item.Url)).ToList();
        db.Write(s => s.SeenItems.Remember(fresh.Select(j => new SeenItem { Id = j.Item.Url, SourceName = source.Name, FirstSeen = now })));
        foreach (var (item, judgement) in fresh)
        {
            if (judgement is null || (firstPoll && item.Published < oldest))
            {
                continue; // not an opinion item; or old news when a source is first added: remembered, not alerted
            }

            if (Place(source, item, judgement, now) is { } incident)
            {
                opened.Add(incident);
            }
        }

        if (firstPoll)
        {
            db.Write(s => s.Counters.Set(polledKey, 1));
        }

        return opened;
    }

    /// <summary>Everything the source listed is now stored as seen: its next check skips these items cheaply.</summary>
    public void Committed(PreparedIntake prepared)
    {
        var keys = prepared.Listed.Select(i => UrlKey(i.Url)).ToArray();
        Array.Sort(keys);
        _lastListed[prepared.Source.Name] = keys;
    }

    /// <summary>64-bit FNV-1a of the URL: equal URLs give equal keys; a collision between two URLs is negligible.</summary>
    private static ulong UrlKey(string url)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in url)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Joins the item to its story's incident, or opens a new one; returns the new incident if any.</summary>
    private Incident? Place(SourceDefinition source, SourceItem item, ItemJudgement judgement, DateTimeOffset now)
    {
        var stamp = memory.Stamp();
        var appearance = new NewAppearance(item, source.Name, judgement.Topics, now)
        {
            Department = judgement.Department ?? source.Department,
            Negative = judgement.Sentiment.Negative,
            NegativeScore = judgement.Sentiment.Score,
            NegativeWords = judgement.Sentiment.Words,
            Rebuttals = judgement.Sentiment.Rebuttals,
            Fingerprint = judgement.Fingerprint.ToString(),
            Weight = source.Weight,
            Node = stamp?.Node,
            StorySeq = stamp?.Seq,
        };

        var story = OpenStory(judgement, now);
        if (story is not null)
        {
            Join(story, appearance, judgement);
            stories.Add(story.Id, judgement.Fingerprint, now);
            return null;
        }

        var assessment = grader.Assess(new GradeInput(judgement.TopicGrade, judgement.Sentiment, source.Weight, item.Replies, item.Views));
        var incident = incidents.Open(appearance with { Grade = assessment.Grade, GradeReason = assessment.Reason });
        stories.Add(incident.Id, judgement.Fingerprint, now);
        return incident;
    }

    /// <summary>
    /// The open incident this item's story belongs to. A closed story is forgotten by the index, so the next nearest
    /// story (or a new incident) gets the item instead of one closed incident shadowing it for the whole window.
    /// </summary>
    private Incident? OpenStory(ItemJudgement judgement, DateTimeOffset now)
    {
        while (stories.Find(judgement.Fingerprint, now) is { } id)
        {
            if (db.Read(s => s.Incidents.Get(id)) is { Status: not IncidentStatus.Closed } story)
            {
                return story;
            }

            stories.Remove(id);
        }

        return judgement.WatchedIncidentId is { } watched && db.Read(s => s.Incidents.Get(watched)) is { Status: not IncidentStatus.Closed } watchedStory
            ? watchedStory
            : null;
    }

    private void Join(Incident story, NewAppearance appearance, ItemJudgement judgement)
    {
        var before = StorySpread.Of(story.Appearances, grader.SpreadWindow);
        var beforeGrade = story.Grade;
        incidents.AddAppearance(story, appearance);

        var after = StorySpread.Of(story.Appearances, grader.SpreadWindow);
        var sentiment = judgement.Sentiment.Negative || !story.Negative ? judgement.Sentiment
            : new SentimentResult(story.Negative, story.NegativeScore, story.NegativeWords);
        var assessment = grader.Assess(new GradeInput(
            judgement.TopicGrade, sentiment, story.Appearances.Max(a => a.Weight),
            story.Appearances.Max(a => a.Replies), story.Appearances.Max(a => a.Views), after.Sources));
        var kept = GradeAssessment.KeepHigher(beforeGrade, story.GradeReason, assessment);
        if (story.Status != IncidentStatus.FalseAlarm &&
            StorySpread.Compare(before, beforeGrade, after, kept.Grade, Strings.For(options.CurrentValue.Culture)) is { } worsening)
        {
            incidents.Worsen(story, worsening.Description, kept.Grade, kept.Reason);
        }
    }
}

/// <summary>
/// A check's items, judged outside the storage lock and waiting to be stored (see <see cref="ItemIntake.Prepare"/>).
/// Disposing it (after the write) gives back its claims on the URLs.
/// </summary>
public sealed record PreparedIntake(SourceDefinition Source, IReadOnlyList<SourceItem> Listed, IReadOnlyList<(SourceItem Item, ItemJudgement? Judgement)> Judged)
    : IDisposable
{
    /// <summary>The check's claims on its new URLs, held until its write has ended.</summary>
    internal SeenClaims.Held? Claims { get; init; }

    public void Dispose() => Claims?.Dispose();
}
