using System.Collections.Concurrent;

namespace OpinionBot.Scheduling;

/// <summary>
/// Whether each source is checked on time: when its last check was due, queued, started and finished, and how late.
/// A check that starts later than its own interval after it was due is late: logged here and shown by <c>/status</c>.
/// Kept in memory (a restart starts clean); the counters are what the load run reports.
/// </summary>
public sealed class CheckTimeliness(TimeProvider time, ILogger<CheckTimeliness> logger)
{
    private readonly ConcurrentDictionary<string, SourceTimeliness> _sources = new(StringComparer.OrdinalIgnoreCase);
    private long _fired;
    private long _started;
    private long _late;
    private long _merged;
    private long _finished;

    /// <summary>Firings handed to the queue since start.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>Checks started since start.</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Checks finished (successfully or not) since start.</summary>
    public long Finished => Interlocked.Read(ref _finished);

    /// <summary>Checks that started more than their interval after they were due.</summary>
    public long Late => Interlocked.Read(ref _late);

    /// <summary>Firings that came while the previous one of the same source was still waiting, so one check served both.</summary>
    public long Merged => Interlocked.Read(ref _merged);

    /// <summary>
    /// A firing for <paramref name="source"/>: due at <paramref name="due"/>, normally every <paramref name="period"/>.
    /// A trigger Quartz had to fire late is rescheduled to "now", so the due time is the earlier of the firing's own time
    /// and the time the previous firing said would come next.
    /// Returns false when an earlier firing of the source is still waiting: that check serves this one too.
    /// </summary>
    public bool Fire(string source, DateTimeOffset due, DateTimeOffset? next, TimeSpan period)
    {
        Interlocked.Increment(ref _fired);
        var entry = _sources.GetOrAdd(source, _ => new SourceTimeliness());
        lock (entry)
        {
            if (entry.ExpectedNext is { } expected && expected < due && due - expected < period * 4)
            {
                due = expected;
            }

            entry.ExpectedNext = next;
            entry.Period = period > TimeSpan.Zero ? period : entry.Period;
            if (entry.Waiting)
            {
                // The earlier firing has not started yet: it will serve this one, and it is late, which Start reports.
                Interlocked.Increment(ref _merged);
                entry.MergedFirings++;
                return false;
            }

            entry.Waiting = true;
            entry.Due = due;
            return true;
        }
    }

    /// <summary>The check begins now; returns how late it is.</summary>
    public TimeSpan Start(string source)
    {
        Interlocked.Increment(ref _started);
        var entry = _sources.GetOrAdd(source, _ => new SourceTimeliness());
        var now = time.GetUtcNow();
        TimeSpan lateness;
        int merged;
        lock (entry)
        {
            var due = entry.Waiting ? entry.Due : now;
            entry.Waiting = false;
            lateness = now - due;
            entry.LastStart = now;
            entry.LastLateness = lateness;
            merged = entry.MergedFirings;
            entry.MergedFirings = 0;
            if (!IsLate(lateness, entry.Period))
            {
                return lateness;
            }

            entry.LateChecks++;
            entry.LastLate = now;
        }

        Interlocked.Increment(ref _late);
        logger.LogWarning(
            "Check of {Source} started {Late:0.#} s after it was due (it runs every {Period:0.#} s; {Merged} later firings waited with it): the checks are behind",
            source, lateness.TotalSeconds, entry.Period.TotalSeconds, merged);
        return lateness;
    }

    /// <summary>The check that <see cref="Start"/> began is over.</summary>
    public void Finish() => Interlocked.Increment(ref _finished);

    /// <summary>The source got new triggers: the old schedule's next time must not make its first new firing look late.</summary>
    public void Rescheduled(string source)
    {
        if (_sources.TryGetValue(source, out var entry))
        {
            lock (entry)
            {
                entry.ExpectedNext = null;
            }
        }
    }

    /// <summary>How one source stands now.</summary>
    public CheckStanding Standing(string source)
    {
        if (!_sources.TryGetValue(source, out var entry))
        {
            return new CheckStanding(null, null, false, TimeSpan.Zero, 0);
        }

        var now = time.GetUtcNow();
        lock (entry)
        {
            var waitingTooLong = entry.Waiting && IsLate(now - entry.Due, entry.Period);
            var lastWasLate = entry.LastStart is not null && IsLate(entry.LastLateness, entry.Period);
            var lateBy = waitingTooLong ? now - entry.Due : lastWasLate ? entry.LastLateness : TimeSpan.Zero;
            return new CheckStanding(entry.LastStart, entry.Waiting ? entry.Due : null, waitingTooLong || lastWasLate, lateBy, entry.LateChecks);
        }
    }

    private static bool IsLate(TimeSpan lateness, TimeSpan period) => period > TimeSpan.Zero && lateness > period;

    private sealed class SourceTimeliness
    {
        public bool Waiting { get; set; }
        public DateTimeOffset Due { get; set; }
        public DateTimeOffset? ExpectedNext { get; set; }
        public TimeSpan Period { get; set; }
        public DateTimeOffset? LastStart { get; set; }
        public TimeSpan LastLateness { get; set; }
        public DateTimeOffset? LastLate { get; set; }
        public int LateChecks { get; set; }
        public int MergedFirings { get; set; }
    }
}

/// <summary>A source's timing as <c>/status</c> shows it.</summary>
/// <param name="LastStart">When its last check started.</param>
/// <param name="WaitingSince">When the check now waiting in the queue was due, if one is.</param>
/// <param name="Late">The waiting check or the last one is later than the source's interval.</param>
/// <param name="LateBy">How late (the waiting check, else the last one).</param>
/// <param name="LateChecks">Late checks since start.</param>
public sealed record CheckStanding(DateTimeOffset? LastStart, DateTimeOffset? WaitingSince, bool Late, TimeSpan LateBy, int LateChecks);
