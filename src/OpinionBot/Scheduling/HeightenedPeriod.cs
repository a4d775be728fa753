using OpinionBot.Storage;

namespace OpinionBot.Scheduling;

/// <summary>
/// 重点时段: until <see cref="Until"/>, every source is polled every <see cref="Interval"/> instead of its own schedule
/// (major meetings, sensitive dates, an incident under focused watch).
/// </summary>
public sealed class HeightenedPeriod
{
    public const string CurrentId = "current";

    public string Id { get; set; } = CurrentId;
    public DateTimeOffset Until { get; set; }
    public TimeSpan Interval { get; set; }

    /// <summary>Who started it and why, for the record.</summary>
    public string? Reason { get; set; }

    public bool IsActive(DateTimeOffset now) => now < Until && Interval > TimeSpan.Zero;
}

/// <summary>The stored heightened period; the scheduler reschedules source jobs when it starts or ends.</summary>
public sealed class HeightenedPeriods(OpinionDatabase database, TimeProvider time)
{
    /// <summary>The period in force now, or null.</summary>
    public HeightenedPeriod? Current()
    {
        // Called from the scheduler's background work, so it reads under the storage lock.
        var period = database.Read(s => s.HeightenedPeriods.Stored());
        return period is not null && period.IsActive(time.GetUtcNow()) ? period : null;
    }

    public HeightenedPeriod Start(DateTimeOffset until, TimeSpan interval, string? reason)
    {
        if (interval < TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "a heightened period polls at most every 10 seconds");
        }

        var period = new HeightenedPeriod { Until = until, Interval = interval, Reason = reason };
        database.Write(s => s.HeightenedPeriods.Save(period));
        return period;
    }

    public void End() => database.Write(s => s.HeightenedPeriods.Clear());
}
