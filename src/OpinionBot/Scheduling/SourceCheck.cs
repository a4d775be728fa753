using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Sources;
using OpinionBot.Storage;

namespace OpinionBot.Scheduling;

/// <summary>
/// Checks one source: read it, take its new items, record its health and tell supervisors when it starts failing,
/// looks redesigned or recovers. Runs on a <see cref="CheckLanes"/> lane, never on a scheduler thread; the evidence of
/// the incidents it opened is captured afterwards in the background (<see cref="EvidencePass"/>).
/// </summary>
public sealed class SourceCheck(
    ISourceReader reader,
    ItemIntake intake,
    EvidencePass evidence,
    SourceHealthTracker health,
    SupervisorNotices notices,
    SourceCatalog sources,
    TopicCatalog topics,
    OpinionDatabase db,
    ILogger<SourceCheck> logger)
{
    public async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        var source = sources.Find(name);
        if (source is null || !source.Enabled)
        {
            return;
        }

        HealthChange? change;
        try
        {
            var reading = await reader.ReadAsync(source, source.Kind == SourceKinds.Search ? topics.SearchKeywords() : [], cancellationToken);
            var prepared = reading.NotModified ? null : intake.Prepare(source, reading.Items);

            // One transaction per check: its health, its items and incidents (with their cards), the page's validators.
            IReadOnlyList<Incident> opened = [];
            change = db.Write(() =>
            {
                var recorded = health.Record(source.Name, ReadOutcome.From(reading));
                if (prepared is not null)
                {
                    opened = intake.Commit(prepared);
                    reading.Commit?.Invoke();
                }

                return recorded;
            });
            if (prepared is not null)
            {
                intake.Committed(prepared);
                logger.LogInformation("Checked {Source}: {Items} items, {Opened} new incidents", source.Name, reading.Items.Count, opened.Count);
                if (opened.Count > 0)
                {
                    var urls = opened.Select(i => i.Url).ToHashSet(StringComparer.Ordinal);
                    evidence.Request([.. reading.Items.Where(i => urls.Contains(i.Url))]);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // A failing source must not stop the checks; the next run tries again, and health decides on a notice.
            logger.LogWarning("Checking {Source} failed: {Error}", source.Name, ex.Message);
            change = health.Record(source.Name, ReadOutcome.Failed(ex.Message));
        }

        if (change is not null)
        {
            notices.Post(text => change.Describe(text));
        }
    }
}
