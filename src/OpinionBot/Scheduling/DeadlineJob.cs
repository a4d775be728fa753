using OpinionBot.Incidents;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>
/// Once a minute: reminders, overdue escalation, progress reminders, quiet closing (see <see cref="DeadlineWatch"/>),
/// then tidying the story memory so the index and the watches do not grow without end, and the end notice of a
/// heightened period that ran out.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DeadlineJob(DeadlineWatch watch, StoryMemory stories, HeightenedSwitch heightened, ILogger<DeadlineJob> logger) : IJob
{
    public static readonly JobKey Key = new("deadlines", "incidents");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var steps = watch.Tick();
            stories.Tidy();
            heightened.Tick();
            if (steps > 0)
            {
                logger.LogInformation("Deadline watch took {Steps} steps", steps);
            }
        }
        catch (Exception ex)
        {
            // One bad tick must not unschedule the job; the next minute tries again.
            logger.LogError(ex, "Deadline watch failed");
        }

        return ValueTask.CompletedTask;
    }
}
