using OpinionBot.Reports;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>
/// Sends one scheduled report (the kind is in the job data). A late or repeated firing is harmless: the dispatch works
/// out which run it stands for and sends each period once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReportJob(ReportDispatch dispatch, TimeProvider time, ILogger<ReportJob> logger) : IJob
{
    public const string KindKey = "kind";

    public static JobKey KeyFor(ReportKind kind) => new(kind.ToString().ToLowerInvariant(), ReportJobs.Group);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ReportKind>(context.MergedJobDataMap.GetString(KindKey), out var kind))
        {
            logger.LogError("Report job {Job} has no valid kind", context.JobDetail.Key);
            return ValueTask.CompletedTask;
        }

        try
        {
            if (dispatch.SendScheduled(kind, context.ScheduledFireTimeUtc ?? time.GetUtcNow()) is null)
            {
                logger.LogInformation("The {Kind} report for this run was sent already", kind);
            }
        }
        catch (Exception ex)
        {
            // A failed report must not unschedule the job; /report can still produce it on demand.
            logger.LogError(ex, "The {Kind} report failed", kind);
        }

        return ValueTask.CompletedTask;
    }
}
