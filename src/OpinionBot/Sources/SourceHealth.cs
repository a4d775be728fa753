namespace OpinionBot.Sources;

/// <summary>A source's stored health: how its recent reads went, and which problem (if any) was announced.</summary>
public sealed class SourceHealth
{
    public string Source { get; set; } = "";
    public int ConsecutiveFailures { get; set; }

    /// <summary>When the source was last read, successfully or not; null before its first check.</summary>
    public DateTimeOffset? LastCheck { get; set; }
    public string? LastError { get; set; }

    /// <summary>When the current run of failures (or the empty pages) started.</summary>
    public DateTimeOffset? ProblemSince { get; set; }

    public DateTimeOffset? LastSuccess { get; set; }
    public int LastItemCount { get; set; }

    /// <summary>The selectors have found items on this source at least once.</summary>
    public bool EverFoundItems { get; set; }

    public HealthState Announced { get; set; } = HealthState.Healthy;
}

public enum HealthState
{
    Healthy,
    Failing,
    Redesigned,
}

/// <summary>How one read of a source went, as the health tracker needs to know it.</summary>
public sealed record ReadOutcome(bool Succeeded, int ItemCount, bool SelectorsFoundNothing, string? Error, bool NotModified = false)
{
    public static ReadOutcome From(SourceReading reading) =>
        new(true, reading.Items.Count, reading.SelectorsFoundNothing, null, reading.NotModified);

    public static ReadOutcome Failed(string error) => new(false, 0, false, error);
}

public enum HealthChangeKind
{
    NowFailing,
    Redesign,
    Recovered,
}

/// <summary>A change in a source's health worth one notice to the supervisors.</summary>
/// <param name="Since">When the problem began (for <see cref="HealthChangeKind.Recovered"/>: when the recovered problem began).</param>
public sealed record HealthChange(string Source, HealthChangeKind Kind, string? LastError, DateTimeOffset Since, DateTimeOffset At)
{
    public string Describe(Text.Strings strings) => Kind switch
    {
        HealthChangeKind.NowFailing => strings.SourceFailing(Source, LastError ?? "", Since),
        HealthChangeKind.Redesign => strings.SourceRedesigned(Source, Since),
        _ => strings.SourceRecovered(Source, At - Since),
    };
}
