using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Cluster;
using OpinionBot.Scheduling;
using OpinionBot.Sources;
using OpinionBot.Storage;
using Quartz;

namespace OpinionBot.Monitoring;

/// <summary>
/// What <c>/healthz</c> answers: is the database readable, the scheduler running, Telegram heard from recently, the
/// outbox moving, every source checked on time. Failing sites are listed but do not make the worker unhealthy:
/// restarting it would not bring a site back.
/// </summary>
public sealed class HealthCheck(
    OpinionDatabase db,
    ISchedulerFactory schedulers,
    TelegramPulse pulse,
    SourceCatalog catalog,
    OpinionBot.Scheduling.CheckTimeliness timeliness,
    IOptions<MonitoringEndpointOptions> options,
    IOptions<WebhookOptions> webhook,
    ILeases leases,
    IOptions<ClusterOptions> cluster,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly DateTimeOffset _started = time.GetUtcNow();
    private readonly LeaseCoverage _coverage = new(cluster.Value.LeaseTime);

    // In cluster mode: when this node was first seen polling (holding the updates lease); null while another node polls.
    private DateTimeOffset? _pollingSince;

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var problems = new List<string>();

        (int Backlog, DateTimeOffset? Oldest, List<string> Failing)? stored = null;
        try
        {
            stored = db.Read(_ =>
            {
                var pending = db.Read(s => s.Outbox.WaitingEntries());
                var failing = db.Read(s => s.SourceHealth.Troubled()).Select(h => h.Source).ToList();
                return (pending.Count, pending.Count == 0 ? (DateTimeOffset?)null : pending.Min(m => m.CreatedAt), failing);
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add("database: " + ex.Message);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var schedulerRunning = await scheduler.GetStatus(cancellationToken) == SchedulerStatus.Running;
        if (!schedulerRunning)
        {
            problems.Add("scheduler: not running");
        }

        var (node, held) = Cluster(now, problems);
        var lastUpdates = pulse.LastUpdates;
        // A webhook may rightly stay quiet for hours; only long polling answers at least every poll timeout. In cluster
        // mode only the node holding the updates lease polls, and only since it took the lease.
        var quietSince = Max(lastUpdates ?? _started, _pollingSince ?? _started);
        if (!webhook.Value.Enabled && (node is null || held!.Contains(LeaseNames.Updates)) && now - quietSince > settings.TelegramQuietAfter)
        {
            problems.Add($"telegram: no successful getUpdates for {(int)(now - quietSince).TotalSeconds}s");
        }

        var oldestSeconds = stored?.Oldest is { } oldest ? Math.Max(0, (int)(now - oldest).TotalSeconds) : 0;
        if (stored is not null && TimeSpan.FromSeconds(oldestSeconds) > settings.OutboxStaleAfter)
        {
            problems.Add($"outbox: oldest undelivered message waits {oldestSeconds}s");
        }

        var late = schedulerRunning ? await LateSourcesAsync(scheduler, now - settings.SourceLateAfter, cancellationToken) : [];
        if (late.Count > 0)
        {
            problems.Add("sources late: " + string.Join(", ", late));
        }

        return new HealthReport(
            problems.Count == 0 ? "ok" : "unhealthy",
            stored is not null,
            schedulerRunning,
            lastUpdates,
            stored?.Backlog,
            oldestSeconds,
            late,
            stored?.Failing ?? [],
            problems)
        { Node = node, Leases = held };
    }

    /// <summary>In cluster mode: this node's name and the leases it holds, and a problem for a lease nobody holds.</summary>
    private (string? Node, IReadOnlyList<string>? Held) Cluster(DateTimeOffset now, List<string> problems)
    {
        if (!cluster.Value.Enabled)
        {
            return (null, null);
        }

        var held = LeaseNames.All.Where(leases.Holds).ToList();
        _pollingSince = held.Contains(LeaseNames.Updates) ? _pollingSince ?? now : null;
        try
        {
            if (leases.Snapshot() is { } snapshot)
            {
                problems.AddRange(_coverage.Problems(snapshot, now));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add("cluster: " + ex.Message);
        }

        return (cluster.Value.NodeName, held);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    public static string ToJson(HealthReport report) => JsonSerializer.Serialize(report, Json);

    /// <summary>
    /// Enabled sources whose next check should have started a while ago: a firing waiting in its host's lane since
    /// before <paramref name="dueBefore"/> (checks are not keeping up), or a trigger that did not fire (the scheduler is not).
    /// </summary>
    private async Task<List<string>> LateSourcesAsync(IScheduler scheduler, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        var late = new List<string>();
        foreach (var source in catalog.All().Where(s => s.Enabled))
        {
            var triggers = await scheduler.GetTriggersOfJob(SourceJobs.KeyOf(source.Name), cancellationToken);
            if (timeliness.Standing(source.Name).WaitingSince is { } waiting && waiting < dueBefore ||
                triggers.Any(t => t.NextFireTimeUtc is { } next && next < dueBefore))
            {
                late.Add(source.Name);
            }
        }

        return late;
    }
}

public sealed record HealthReport(
    string Status,
    bool Database,
    bool Scheduler,
    DateTimeOffset? LastUpdates,
    int? OutboxBacklog,
    int OutboxOldestSeconds,
    IReadOnlyList<string> LateSources,
    IReadOnlyList<string> FailingSources,
    IReadOnlyList<string> Problems)
{
    /// <summary>Cluster mode: this node's name and the leases it holds (null, so left out, on a single node).</summary>
    public string? Node { get; init; }

    public IReadOnlyList<string>? Leases { get; init; }

    [JsonIgnore]
    public bool Healthy => Problems.Count == 0;
}
