namespace OpinionBot.Scheduling;

/// <summary>The last check of one source, for <c>/status</c>: when, whether it worked, and since when it fails.</summary>
public sealed class SourceCheck
{
    /// <summary>The source's name.</summary>
    public string Id { get; set; } = "";

    public DateTimeOffset LastCheck { get; set; }
    public DateTimeOffset? LastSuccess { get; set; }

    /// <summary>The first failure of the current run of failures; null while the source works.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
}
