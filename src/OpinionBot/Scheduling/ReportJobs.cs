using Microsoft.Extensions.Options;
using OpinionBot.Cluster;
using OpinionBot.Reports;
using OpinionBot.Storage;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>
/// Puts the daily, weekly and monthly report jobs on the scheduler at start, as cron triggers in the Reports time zone.
/// A run missed while the bot was down is sent at once on start (only the latest one of each kind, and only runs after
/// the bot first scheduled reports, so a new installation does not send old, empty reports).
/// </summary>
public sealed class ReportJobs(
    ISchedulerFactory schedulers,
    ReportDispatch dispatch,
    OpinionDatabase db,
    IOptions<ReportsOptions> reports,
    TimeProvider time,
    ILeases leases,
    ILogger<ReportJobs> logger) : IHostedService
{
    public const string Group = "reports";

    /// <summary>Counter holding when reports were first scheduled (UTC ticks).</summary>
    public const string SinceKey = "reports-scheduled-since";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = reports.Value;
        var zone = options.ResolveZone();
        var now = time.GetUtcNow();
        var since = new DateTimeOffset(db.Write(s =>
        {
            var ticks = s.Counters.Get(SinceKey);
            if (ticks == 0)
            {
                ticks = now.UtcTicks;
                s.Counters.Set(SinceKey, ticks);
            }

            return ticks;
        }), TimeSpan.Zero);

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        // Cluster nodes starting together take turns replacing the same report jobs.
        await using var exclusive = await leases.ExclusiveAsync("scheduling-reports", cancellationToken);
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            var key = ReportJob.KeyFor(kind);
            var cron = ReportSchedule.Cron(kind, options);
            var job = JobBuilder.Create<ReportJob>().WithIdentity(key).UsingJobData(ReportJob.KindKey, kind.ToString()).Build();
            var trigger = TriggerBuilder.Create(time).WithIdentity(key.Name, Group).ForJob(key).StartAt(now)
                .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
            logger.LogInformation("Scheduled the {Kind} report ({Cron}, {Zone})", kind, cron, zone.Id);

            if (dispatch.MissedPeriod(kind, since) is { } missed)
            {
                logger.LogInformation("Catching up the {Kind} report {First}–{Last} missed while stopped", kind, missed.First, missed.Last);
                await scheduler.TriggerJob(key, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
