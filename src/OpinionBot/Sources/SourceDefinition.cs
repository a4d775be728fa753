namespace OpinionBot.Sources;

/// <summary>One monitored source as configured under <c>Sources</c> (or added later from chat).</summary>
public sealed class SourceDefinition
{
    public string Name { get; set; } = "";

    /// <summary><c>feed</c>, <c>html</c> or <c>search</c>.</summary>
    public string Kind { get; set; } = SourceKinds.Feed;

    public string Url { get; set; } = "";

    /// <summary><c>every 30s</c>, <c>every 10m</c>, <c>every 2h</c>, or a Quartz cron expression.</summary>
    public string Schedule { get; set; } = "every 10m";

    public bool Enabled { get; set; } = true;
}

public static class SourceKinds
{
    public const string Feed = "feed";
    public const string Html = "html";
    public const string Search = "search";
}
