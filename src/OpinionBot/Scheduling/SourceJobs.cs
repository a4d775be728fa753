using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Sources;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>Puts one Quartz job per enabled source on the scheduler at start, and reschedules a source on demand.</summary>
public sealed class SourceJobs(
    ISchedulerFactory schedulers,
    IOptionsMonitor<MonitoringOptions> monitoring,
    TimeZoneInfo zone,
    ILogger<SourceJobs> logger) : IHostedService
{
    private const string Group = "sources";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var source in monitoring.CurrentValue.Sources)
        {
            await ScheduleAsync(source, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>(Re)schedules a source; a disabled source is unscheduled.</summary>
    public async Task ScheduleAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobKey = new JobKey(source.Name, Group);
        await scheduler.DeleteJob(jobKey, cancellationToken);
        if (!source.Enabled || !SourceSchedule.TryParse(source.Schedule, out var schedule, out _))
        {
            return;
        }

        var job = JobBuilder.Create<SourceCheckJob>()
            .WithIdentity(jobKey)
            .UsingJobData(SourceCheckJob.SourceNameKey, source.Name)
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity(source.Name, Group).ForJob(jobKey);
        trigger = schedule.Interval is { } interval
            ? trigger.StartNow().WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever())
            : trigger.StartNow().WithCronSchedule(schedule.Cron!, c => c.InTimeZone(zone));
        await scheduler.ScheduleJob(job, trigger.Build(), cancellationToken: cancellationToken);
        logger.LogInformation("Scheduled {Source} ({Schedule})", source.Name, source.Schedule);
    }
}
