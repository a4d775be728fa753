namespace OpinionBot.Incidents;

/// <summary>The practice's deadlines (section <c>Deadlines</c>), as <c>hh:mm:ss</c>.</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>重大: report within 2 hours of discovery.</summary>
    public TimeSpan Major { get; set; } = TimeSpan.FromHours(2);

    /// <summary>较大: report within 3 hours.</summary>
    public TimeSpan Larger { get; set; } = TimeSpan.FromHours(3);

    /// <summary>一般: report within 4 hours.</summary>
    public TimeSpan General { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Negative items must be claimed within 1 hour.</summary>
    public TimeSpan NegativeClaim { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A reminder this long before a deadline (besides the one at half time).</summary>
    public TimeSpan FinalReminder { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>重大 incidents report continuously: a progress reminder this often until resolved.</summary>
    public TimeSpan MajorProgressEvery { get; set; } = TimeSpan.FromHours(2);

    /// <summary>After Resolve, watch this long for flare-ups before closing by itself.</summary>
    public TimeSpan WatchPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often deadlines are checked.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan ReportWithin(Grade grade) => grade switch
    {
        Grade.Major => Major,
        Grade.Larger => Larger,
        _ => General,
    };
}
