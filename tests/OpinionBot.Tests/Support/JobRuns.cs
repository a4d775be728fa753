using System.Collections.Concurrent;
using Quartz;

namespace OpinionBot.Tests.Support;

/// <summary>
/// Records which Quartz jobs started and finished, so a test can wait for the run it relies on instead of a fixed delay.
/// Quartz hands triggers out in fire-time order, so once a trigger fired after another has started, the earlier one has too.
/// </summary>
public sealed class JobRuns : IJobListener
{
    private readonly ConcurrentQueue<JobKey> _started = new();
    private readonly ConcurrentQueue<JobKey> _finished = new();

    public string Name { get; } = "test-job-runs-" + Guid.NewGuid().ToString("N");

    public static async Task<JobRuns> ListenAsync(IScheduler scheduler)
    {
        var runs = new JobRuns();
        scheduler.ListenerManager.AddJobListener(runs);
        await Task.CompletedTask;
        return runs;
    }

    public int Started(JobKey key) => _started.Count(k => k.Equals(key));

    public int Finished(JobKey key) => _finished.Count(k => k.Equals(key));

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        _started.Enqueue(context.JobDetail.Key);
        return ValueTask.CompletedTask;
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        _finished.Enqueue(context.JobDetail.Key);
        return ValueTask.CompletedTask;
    }
}
