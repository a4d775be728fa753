using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Sources;

namespace OpinionBot.Settings;

/// <summary>The root-level lists <c>Sources</c> and <c>Topics</c>, and the <c>Culture</c> of texts.</summary>
public sealed class MonitoringOptions
{
    public List<SourceDefinition> Sources { get; set; } = [];
    public List<TopicDefinition> Topics { get; set; } = [];

    /// <summary>Responsible units that incidents are routed to by their topic's or source's <c>Department</c>.</summary>
    public List<Department> Departments { get; set; } = [];

    /// <summary><c>zh-CN</c> (default) or <c>en</c>.</summary>
    public string Culture { get; set; } = "zh-CN";

    /// <summary>The team's time zone: cards, incident numbers, cron schedules and reports use it.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>On a source's first poll, items published longer ago than this are remembered but not alerted.</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromHours(24);
}
