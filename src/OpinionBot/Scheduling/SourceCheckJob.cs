using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>
/// A source's firing: hands the check to its host's lane in the <see cref="CheckLanes"/> and returns at once, so a
/// scheduler thread is never held while a host is slow or asks to be spaced out (<see cref="SourceCheck"/> does the work).
/// In cluster mode the job asks Quartz for recovery and waits for its check instead: a node killed before the check ran
/// then has the firing run again by another node, where a finished firing would have been lost with the node.
/// Serial per source: in a cluster this makes Quartz take its trigger lock for a firing round, so no two nodes ever fire
/// one source's trigger at once (its lock-free rounds let a busy cluster do that); on one node a firing returns at once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SourceCheckJob(CheckLanes lanes, TimeProvider time) : IJob
{
    public const string SourceNameKey = "source";

    /// <summary>The host the source is read from: checks of one host share a lane.</summary>
    public const string HostKey = "host";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var name = data.GetString(SourceNameKey) ?? "";
        var due = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var next = context.NextFireTimeUtc;
        var period = context.Trigger is ISimpleTrigger simple ? simple.RepeatInterval
            : next is { } n ? n - due
            : TimeSpan.Zero;
        var clustered = context.JobDetail.RequestsRecovery;
        if (clustered && next is { } following && following <= time.GetUtcNow())
        {
            // A whole interval behind (a busy or restarted cluster): the next firing is due already and checks for both,
            // as a single node's lane serves a firing that comes while the last one still waits.
            return;
        }

        // A cluster node sees only the firings it took, so its idea of the source's next firing is no guide to lateness.
        var checkedTask = lanes.Enqueue(name, data.GetString(HostKey) ?? "", due == default ? time.GetUtcNow() : due, clustered ? null : next, period);
        if (clustered)
        {
            await checkedTask.WaitAsync(cancellationToken);
        }
    }
}
