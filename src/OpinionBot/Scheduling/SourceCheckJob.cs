using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Sources;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>Checks one source: read it, take its new items. One job per source; never two checks of it at once.</summary>
[DisallowConcurrentExecution]
public sealed class SourceCheckJob(
    ISourceReader reader,
    ItemIntake intake,
    SourceCheckLog checks,
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

        try
        {
            var reading = await reader.ReadAsync(source, cancellationToken);
            checks.Succeeded(source.Name);
            if (reading.NotModified)
            {
                return;
            }

            var opened = intake.Take(source, reading.Items);
            logger.LogInformation("Checked {Source}: {Items} items, {Opened} new incidents", source.Name, reading.Items.Count, opened);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failing source must not stop the scheduler; the next run tries again.
            logger.LogWarning("Checking {Source} failed: {Error}", source.Name, ex.Message);
            checks.Failed(source.Name, ex.Message);
        }
    }
}
