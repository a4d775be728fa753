using OpinionBot.Chat;
using OpinionBot.Duty;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>Once a minute: post the handover (交班) when a duty turn has begun (see <see cref="Handover"/>).</summary>
[DisallowConcurrentExecution]
public sealed class HandoverJob(Handover handover, ILogger<HandoverJob> logger) : IJob
{
    public static readonly JobKey Key = new("handover", "duty");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (handover.Tick())
            {
                logger.LogInformation("Posted the duty handover");
            }
        }
        catch (Exception ex)
        {
            // One bad tick must not unschedule the job; the next minute tries again.
            logger.LogError(ex, "Duty handover failed");
        }

        return ValueTask.CompletedTask;
    }
}
