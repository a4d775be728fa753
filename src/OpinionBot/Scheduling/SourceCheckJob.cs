using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Matching;
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
            var reading = await reader.ReadAsync(source, source.Kind == SourceKinds.Search ? topics.SearchKeywords() : [], cancellationToken);
            change = health.Record(source.Name, ReadOutcome.From(reading));
            if (!reading.NotModified)
            {
                var opened = intake.Take(source, reading.Items);
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
            logger.LogWarning("Checking {Source} failed: {Error}", source.Name, ex.Message);
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
