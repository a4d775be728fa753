using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>Turns a schedule into Quartz triggers.</summary>
public sealed partial record SourceSchedule
{
    /// <summary>
    /// The triggers that run <paramref name="job"/> on this schedule: cron triggers in the source's time zone
    /// (one per preset time), or a repeating interval. <paramref name="jitter"/> is a random delay up to that long, so
    /// sources on the same schedule do not all hit the network in the same second. A firing Quartz could not make on time
    /// fires as soon as it can (never dropped); the check's lateness is judged and logged by <see cref="CheckTimeliness"/>.
    /// </summary>
    public IReadOnlyList<ITrigger> CreateTriggers(JobKey job, TimeZoneInfo zone, TimeSpan jitter, TimeProvider? time = null, Random? random = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var delay = jitter > TimeSpan.Zero
            ? TimeSpan.FromMilliseconds((random ?? Random.Shared).NextDouble() * jitter.TotalMilliseconds)
            : TimeSpan.Zero;

        if (Interval is { } interval)
        {
            return [TriggerBuilder.Create(time).WithIdentity(Key(job, "every")).ForJob(job).StartAt(now + delay)
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build()];
        }

        if (DailyTimes is { Count: > 0 } times)
        {
            // The delay shifts each daily time itself, so the spread holds every day, not only on the first firing.
            return [.. times.Select(t => t.Add(delay)).Distinct().Select(t => TriggerBuilder.Create(time).WithIdentity(Key(job, $"at-{t:HHmmss}")).ForJob(job)
                .StartAt(now)
                .WithCronSchedule($"{t.Second} {t.Minute} {t.Hour} ? * *", c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build())];
        }

        return [TriggerBuilder.Create(time).WithIdentity(Key(job, "cron")).ForJob(job).StartAt(now + delay)
            .WithCronSchedule(Cron ?? throw new InvalidOperationException("a schedule needs an interval, times or a cron expression"),
                c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build()];
    }

    /// <summary>The one trigger used for every source while a heightened period is on; it ends with the period.</summary>
    public static ITrigger CreateHeightenedTrigger(JobKey job, HeightenedPeriod period, TimeSpan jitter, TimeProvider? time = null, Random? random = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var delay = TimeSpan.FromMilliseconds((random ?? Random.Shared).NextDouble() * Math.Max(0, jitter.TotalMilliseconds));
        return TriggerBuilder.Create(time).WithIdentity(Key(job, "heightened")).ForJob(job).StartAt(now + delay).EndAt(period.Until)
            .WithSimpleSchedule(s => s.WithInterval(period.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
    }

    private static TriggerKey Key(JobKey job, string suffix) => new($"{job.Name}.{suffix}", job.Group);
}
