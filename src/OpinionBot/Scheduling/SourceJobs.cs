using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Sources;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>
/// Puts one Quartz job per enabled source on the scheduler at start, with the source's own triggers (in its time zone,
/// with a little jitter) plus, during a heightened period (重点时段), a short-interval trigger that ends with it.
/// </summary>
public sealed class SourceJobs(
    ISchedulerFactory schedulers,
    IOptionsMonitor<MonitoringOptions> monitoring,
    IOptionsMonitor<SchedulingOptions> scheduling,
    HeightenedPeriods heightened,
    TimeProvider time,
    ILogger<SourceJobs> logger) : IHostedService
{
    private const string Group = "sources";

    public Task StartAsync(CancellationToken cancellationToken) => ScheduleAllAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reschedules every source, e.g. when a heightened period starts or ends.</summary>
    public async Task ScheduleAllAsync(CancellationToken cancellationToken)
    {
        foreach (var source in monitoring.CurrentValue.Sources)
        {
            await ScheduleAsync(source, cancellationToken);
        }
    }

    /// <summary>(Re)schedules a source; a disabled source is unscheduled.</summary>
    public async Task ScheduleAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobKey = new JobKey(source.Name, Group);
        await scheduler.DeleteJob(jobKey, cancellationToken);
        if (!source.Enabled)
        {
            return;
        }

        if (!SourceSchedule.TryParse(source.Schedule, out var schedule, out var error))
        {
            logger.LogWarning("Source {Source} not scheduled: {Error}", source.Name, error);
            return;
        }

        var job = JobBuilder.Create<SourceCheckJob>()
            .WithIdentity(jobKey)
            .UsingJobData(SourceCheckJob.SourceNameKey, source.Name)
            .Build();
        var jitter = scheduling.CurrentValue.Jitter;
        var triggers = schedule.CreateTriggers(jobKey, source.ResolveTimeZone(), jitter, time).ToList();
        if (heightened.Current() is { } period)
        {
            triggers.Add(SourceSchedule.CreateHeightenedTrigger(jobKey, period, jitter, time));
        }

        await scheduler.ScheduleJob(job, triggers, new ScheduleJobOptions { Replace = true }, cancellationToken);
        logger.LogInformation("Scheduled {Source} ({Schedule})", source.Name, source.Schedule);
    }
}
