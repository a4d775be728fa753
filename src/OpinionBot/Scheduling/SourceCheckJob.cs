using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Monitoring;
using OpinionBot.Reports;
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
    EvidenceBackup evidence,
    SourceHealthTracker health,
    SupervisorNotices notices,
    SourceCatalog sources,
    TopicCatalog topics,
    BotMetrics metrics,
    ILogger<SourceCheckJob> logger) : IJob
{
    public const string SourceNameKey = "source";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(SourceNameKey) ?? "";
        var source = sources.Find(name);
        if (source is null || !source.Enabled)
        {
            return;
        }

        HealthChange? change;
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var reading = await reader.ReadAsync(source, source.Kind == SourceKinds.Search ? topics.SearchKeywords() : [], cancellationToken);
            metrics.FetchSeconds.WithLabels(source.Kind).Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);

            change = health.Record(source.Name, ReadOutcome.From(reading));
            metrics.SourceChecks.WithLabels(source.Name, reading.NotModified ? "not_modified" : "ok").Inc();
            if (!reading.NotModified)
            {
                metrics.Items.WithLabels(source.Name).Inc(reading.Items.Count);
                var opened = intake.Take(source, reading.Items);
                foreach (var incident in opened)
                {
                    metrics.IncidentOpened(incident.Grade);
                }

                reading.Commit?.Invoke();
                logger.LogInformation("Checked {Source}: {Items} items, {Opened} new incidents", source.Name, reading.Items.Count, opened.Count);
            }

            await BackUpEvidenceAsync(reading.NotModified ? [] : reading.Items, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // A failing source must not stop the scheduler; the next run tries again, and health decides on a notice.
            // The whole exception, stack trace included: a bug in intake must be findable from the log alone.
            logger.LogWarning(ex, "Checking {Source} failed: {Error}", source.Name, ex.Message);
            metrics.SourceChecks.WithLabels(source.Name, "failed").Inc();
            change = health.Record(source.Name, ReadOutcome.Failed(ex.Message));
        }

        if (change is not null)
        {
            notices.Post(text => change.Describe(text));
        }
    }

    /// <summary>Saves the pages of the incidents just opened (outside the intake's transactions); never fails the check.</summary>
    private async Task BackUpEvidenceAsync(IReadOnlyList<SourceItem> items, CancellationToken cancellationToken)
    {
        try
        {
            await evidence.CaptureNewAsync(items, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Evidence backup failed");
        }
    }
}
