using Microsoft.Extensions.Options;
using OpinionBot.Cluster;
using OpinionBot.Sources;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>
/// Puts one Quartz job per enabled source on the scheduler at start, with the source's own triggers (in its time zone,
/// with a little jitter) plus, during a heightened period (重点时段), a short-interval trigger that ends with it.
/// Chat commands reschedule through <see cref="Reschedule"/> and <see cref="RescheduleAll"/>, which run after their transaction.
/// </summary>
public sealed class SourceJobs(
    ISchedulerFactory schedulers,
    SourceCatalog catalog,
    IOptionsMonitor<SchedulingOptions> scheduling,
    HeightenedPeriods heightened,
    CheckTimeliness timeliness,
    TimeProvider time,
    IOptions<ClusterOptions> cluster,
    ILeases leases,
    ILogger<SourceJobs> logger) : IHostedService, IDisposable
{
    private readonly bool _clustered = cluster.Value.Enabled;

    private const string Group = "sources";

    // One (re)scheduling at a time, so a quick edit after an add cannot interleave its delete and schedule with it.
    private readonly SemaphoreSlim _one = new(1, 1);

    private const string Exclusive = "scheduling-sources";

    // What a source's triggers were made from, kept in its job data (see ScheduleOneAsync).
    private const string PlanKey = "plan";

    /// <summary>
    /// At start, a source whose job is already stored with the same plan keeps its triggers: in cluster mode every node
    /// starts with the same sources, and rescheduling would move each source's next check (a new random delay) on
    /// every node's start. On a single node the store starts empty, so every source is scheduled as before.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Nodes starting together take turns, so two never delete and store the same source's job at once.
        await using var exclusive = await leases.ExclusiveAsync(Exclusive, cancellationToken);
        var sources = catalog.All();
        foreach (var source in sources)
        {
            await ScheduleAsync(source, keepSame: true, cancellationToken);
        }

        // Jobs of sources removed while no node ran (a stored job store outlives the process).
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var names = sources.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var stale = new List<JobKey>();
        var query = new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(Group) };
        while (true)
        {
            var page = await scheduler.QueryJobs(query, cancellationToken);
            stale.AddRange(page.Items.Select(j => j.Key).Where(k => !names.Contains(k.Name)));
            if (!page.HasMore || page.Items.Count == 0)
            {
                break;
            }

            query = new JobQuery { Group = query.Group, Skip = query.Skip + page.Items.Count };
        }

        foreach (var key in stale)
        {
            await scheduler.DeleteJob(key, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reschedules every source, e.g. when a heightened period starts or ends.</summary>
    public async Task ScheduleAllAsync(CancellationToken cancellationToken)
    {
        await using var exclusive = await leases.ExclusiveAsync(Exclusive, cancellationToken);
        foreach (var source in catalog.All())
        {
            await ScheduleAsync(source, keepSame: false, cancellationToken);
        }
    }

    /// <summary>(Re)schedules a source; a disabled source is unscheduled.</summary>
    public async Task ScheduleAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        await using var exclusive = await leases.ExclusiveAsync(Exclusive, cancellationToken);
        await ScheduleAsync(source, keepSame: false, cancellationToken);
    }

    private async Task ScheduleAsync(SourceDefinition source, bool keepSame, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            await ScheduleOneAsync(source, keepSame, cancellationToken);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>
    /// Reschedules the named source as the catalog has it once the caller's transaction is over (removed: unscheduled).
    /// Returns at once; the work is logged.
    /// </summary>
    public Task Reschedule(string name) => Background(ct =>
        ScheduleAsync(catalog.Find(name) ?? new SourceDefinition { Name = name, Enabled = false }, ct));

    /// <summary>Reschedules every source in the background (a heightened period started or ended).</summary>
    public Task RescheduleAll() => Background(ScheduleAllAsync);

    public void Dispose() => _one.Dispose();

    private Task Background(Func<CancellationToken, Task> work) => Task.Run(async () =>
    {
        try
        {
            await work(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Rescheduling sources failed");
        }
    });

    private async Task ScheduleOneAsync(SourceDefinition source, bool keepSame, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobKey = new JobKey(source.Name, Group);
        if (!source.Enabled)
        {
            await scheduler.DeleteJob(jobKey, cancellationToken);
            return;
        }

        // Validated at start (SchedulingOptionsValidation); a bad reload falls back to the default times.
        var dailyTimes = SourceSchedule.TryParseTimes(scheduling.CurrentValue.MorningNoonEvening, out var times, out _)
            ? times
            : SourceSchedule.DefaultDailyTimes;
        if (!SourceSchedule.TryParse(source.Schedule, dailyTimes, out var schedule, out var error))
        {
            await scheduler.DeleteJob(jobKey, cancellationToken);
            logger.LogWarning("Source {Source} not scheduled: {Error}", source.Name, error);
            return;
        }

        var period = heightened.Current();
        var plan = string.Join('|', source.Schedule, string.Join(',', dailyTimes), source.ResolveTimeZone().Id, CheckLanes.HostOf(source),
            period is null ? "" : $"{period.Until:O},{period.Interval}");
        if (keepSame && await scheduler.GetJobDetail(jobKey, cancellationToken) is { } stored &&
            stored.JobDataMap.GetString(PlanKey) == plan &&
            (await scheduler.QueryTriggers(new TriggerQuery { Job = jobKey }, cancellationToken)).Items.Count > 0)
        {
            timeliness.Rescheduled(source.Name);
            logger.LogDebug("{Source} is already scheduled ({Schedule})", source.Name, source.Schedule);
            return;
        }

        await scheduler.DeleteJob(jobKey, cancellationToken);
        var job = JobBuilder.Create<SourceCheckJob>()
            .WithIdentity(jobKey)
            .UsingJobData(SourceCheckJob.SourceNameKey, source.Name)
            .UsingJobData(SourceCheckJob.HostKey, CheckLanes.HostOf(source))
            .UsingJobData(PlanKey, plan)
            .RequestRecovery(_clustered)
            .Build();
        var jitter = scheduling.CurrentValue.Jitter;
        var triggers = schedule.CreateTriggers(jobKey, source.ResolveTimeZone(), jitter, time).ToList();
        if (period is not null)
        {
            triggers.Add(SourceSchedule.CreateHeightenedTrigger(jobKey, period, jitter, time));
        }

        await scheduler.ScheduleJob(job, triggers, new ScheduleJobOptions { Replace = true }, cancellationToken);
        timeliness.Rescheduled(source.Name);
        logger.LogInformation("Scheduled {Source} ({Schedule})", source.Name, source.Schedule);
    }

    /// <summary>The job key of a source, for tests and status.</summary>
    public static JobKey KeyOf(string name) => new(name, Group);
}
