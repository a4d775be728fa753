namespace OpinionBot.Scheduling;

/// <summary>Schedule settings (section <c>Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>
    /// Local times of the <c>morning-noon-evening</c> preset, in each source's time zone; empty means 08:00, 12:00, 18:00.
    /// (Empty by default because configuration binding appends to a pre-filled list.)
    /// </summary>
    public List<string> MorningNoonEvening { get; set; } = [];

    /// <summary>Largest random delay added to a source's start, so sources on one schedule do not all fire at once.</summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Polling interval during a heightened period (重点时段).</summary>
    public TimeSpan HeightenedInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Checks running at once over all hosts (each host also keeps to <c>Fetching:MaxConcurrencyPerHost</c>). A check
    /// mostly waits for the network, so this is well above the number of cores.
    /// </summary>
    public int MaxConcurrentChecks { get; set; } = 32;

    /// <summary>
    /// Quartz threads. A source's firing only queues its check (see CheckLanes), so a few threads serve thousands of
    /// sources; reports and the minute jobs use them too.
    /// </summary>
    public int SchedulerThreads { get; set; } = 8;
}
