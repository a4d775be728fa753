using System.Collections.Concurrent;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Monitoring;
using OpinionBot.Sources;
using OpinionBot.Storage;

namespace OpinionBot.Scheduling;

/// <summary>
/// Checks one source: read it, take its new items, record its health and tell supervisors when it starts failing,
/// looks redesigned or recovers. Runs on a <see cref="CheckLanes"/> lane, never on a scheduler thread; the evidence of
/// the incidents it opened is captured afterwards in the background (<see cref="EvidencePass"/>).
/// </summary>
public sealed class SourceCheck(
    ISourceReader reader,
    ItemIntake intake,
    EvidencePass evidence,
    SourceHealthTracker health,
    SupervisorNotices notices,
    SourceCatalog sources,
    TopicCatalog topics,
    OpinionDatabase db,
    BotMetrics metrics,
    TimeProvider time,
    ILogger<SourceCheck> logger,
    CpuTurns turns)
{
    // How stale a healthy source's stored last check may get while its page stays unchanged.
    private static readonly TimeSpan HealthRefresh = TimeSpan.FromMinutes(1);

    // Sources whose last stored read was healthy, with when it was stored.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _healthyStoredAt = new(StringComparer.OrdinalIgnoreCase);

    public async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        var source = sources.Find(name);
        if (source is null || !source.Enabled)
        {
            return;
        }

        HealthChange? change;
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var reading = await reader.ReadAsync(source, source.Kind == SourceKinds.Search ? topics.SearchKeywords() : [], cancellationToken);
            metrics.FetchSeconds.WithLabels(source.Kind).Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            metrics.SourceChecks.WithLabels(source.Name, reading.NotModified ? "not_modified" : "ok").Inc();

            // An unchanged page of a healthy source whose health was stored within the last minute changes nothing worth
            // a transaction (each one is a flush to disk): skipped, so unchanged pages cost no disk write.
            var now = time.GetUtcNow();
            if (reading.NotModified && reading.Commit is null && _healthyStoredAt.TryGetValue(source.Name, out var stored) && now - stored < HealthRefresh)
            {
                return;
            }

            // Judging and writing new items are CPU work under the one storage lock: at most one check per core (see
            // CpuTurns). An unchanged page only stores its health or validators: a short write that needs no turn (background
            // work such as evidence waits for it all the same).
            CommittedCheck committed;
            using (reading.NotModified ? turns.ShortWrite() : await turns.TakeToFinishAsync(cancellationToken))
            {
                committed = Store(source, reading, now);
            }

            // The disk after the turn: the checks committing meanwhile share this flush instead of waiting for a turn.
            committed.Durable.Wait();
            change = AfterCommit(source, reading, committed, now);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // A failing source must not stop the checks; the next run tries again, and health decides on a notice.
            _healthyStoredAt.TryRemove(source.Name, out _);
            // The whole exception, stack trace included: a bug in intake must be findable from the log alone.
            logger.LogWarning(ex, "Checking {Source} failed: {Error}", source.Name, ex.Message);
            metrics.SourceChecks.WithLabels(source.Name, "failed").Inc();
            change = health.Record(source.Name, ReadOutcome.Failed(ex.Message));
        }

        if (change is not null)
        {
            notices.Post(text => change.Describe(text));
        }
    }

    /// <summary>Judges the reading's new items and commits the check: one transaction for its health, items and incidents.</summary>
    private CommittedCheck Store(SourceDefinition source, SourceReading reading, DateTimeOffset now)
    {
        var prepared = reading.NotModified ? null : intake.Prepare(source, reading.Items);
        // Its claims on the new URLs end with the write, committed or not (see SeenClaims).
        using (prepared)
        {
            // One transaction per check: its health, its items and incidents (with their cards), the page's validators.
            IReadOnlyList<Incident> opened = [];
            var healthy = false;
            if (prepared is not null && prepared.Judged.Any(j => j.Judgement is not null))
            {
                evidence.Remember([.. prepared.Judged.Where(j => j.Judgement is not null).Select(j => j.Item)]);
            }

            var change = db.Write(_ =>
            {
                var recorded = health.Record(source.Name, ReadOutcome.From(reading));
                if (prepared is not null)
                {
                    opened = intake.Commit(prepared);
                }

                reading.Commit?.Invoke();
                healthy = recorded is null && health.Get(source.Name) is { ConsecutiveFailures: 0, Announced: HealthState.Healthy };
                return recorded;
            }, out var durable);
            return new CommittedCheck(prepared, opened, healthy, change, durable);
        }
    }

    /// <summary>What a check does once its transaction is on disk.</summary>
    private HealthChange? AfterCommit(SourceDefinition source, SourceReading reading, CommittedCheck committed, DateTimeOffset now)
    {
        var (prepared, opened, healthy, change, _) = committed;
        if (healthy)
        {
            _healthyStoredAt[source.Name] = now;
        }
        else
        {
            _healthyStoredAt.TryRemove(source.Name, out _);
        }

        if (prepared is not null)
        {
            intake.Committed(prepared);
            metrics.Items.WithLabels(source.Name).Inc(reading.Items.Count);
            foreach (var incident in opened)
            {
                metrics.IncidentOpened(incident.Grade);
            }

            logger.LogInformation("Checked {Source}: {Items} items, {Opened} new incidents", source.Name, reading.Items.Count, opened.Count);
            if (prepared.Judged.Any(j => j.Judgement is not null))
            {
                // New incidents and reposts joining open ones: every appearance of a story is evidence.
                evidence.Request();
            }
        }

        return change;
    }

    /// <summary>A check's committed transaction, and the flush still to wait for.</summary>
    private sealed record CommittedCheck(PreparedIntake? Prepared, IReadOnlyList<Incident> Opened, bool Healthy, HealthChange? Change, OpinionDatabase.PendingFlush Durable);
}
