using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Sources;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>
/// Checks one source: read it, take its new items, record its health and tell supervisors when it starts failing,
/// looks redesigned or recovers. One job per source; never two checks of the same source at once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SourceCheckJob(
    ISourceReader reader,
    ItemIntake intake,
    SourceHealthTracker health,
    SupervisorNotices notices,
    IOptionsMonitor<MonitoringOptions> monitoring,
    ILogger<SourceCheckJob> logger) : IJob
{
    public const string SourceNameKey = "source";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(SourceNameKey) ?? "";
        var source = monitoring.CurrentValue.Sources.FirstOrDefault(s => s.Name == name);
        if (source is null || !source.Enabled)
        {
            return;
        }

        HealthChange? change;
        try
        {
            var reading = await reader.ReadAsync(source, SearchKeywords(source), cancellationToken);
            change = health.Record(source.Name, ReadOutcome.From(reading));
            if (!reading.NotModified)
            {
                var opened = intake.Take(source, reading.Items);
                logger.LogInformation("Checked {Source}: {Items} items, {Opened} new incidents", source.Name, reading.Items.Count, opened.Count);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // A failing source must not stop the scheduler; the next run tries again, and health decides on a notice.
            logger.LogWarning("Checking {Source} failed: {Error}", source.Name, ex.Message);
            change = health.Record(source.Name, ReadOutcome.Failed(ex.Message));
        }

        if (change is not null)
        {
            notices.Post(text => change.Describe(text));
        }
    }

    /// <summary>A search source is queried once per keyword of every topic (the plain keywords, not rule syntax).</summary>
    private List<string> SearchKeywords(SourceDefinition source) =>
        source.Kind != SourceKinds.Search ? []
            : monitoring.CurrentValue.Topics.SelectMany(t => t.Keywords)
                .Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
