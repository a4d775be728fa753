using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionBot.Scheduling;
using OpinionBot.Sources;
using OpinionBot.Tests.Commands;
using Xunit;
using SchedulingOptions = OpinionBot.Scheduling.SchedulingOptions;

namespace OpinionBot.Tests.Scheduling;

/// <summary>The lanes due checks wait in: one per host, so a slow host only holds up its own checks.</summary>
public sealed class CheckLanesTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ServiceTestBed _bed = new(new()
    {
        ["Scheduling:MaxConcurrentChecks"] = "4",
        ["Fetching:MaxConcurrencyPerHost"] = "2",
    });

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task SlowHost_DoesNotHoldUpChecksOfOtherHosts()
    {
        var slowHostAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new ConcurrentQueue<string>();
        using var lanes = Lanes(async (source, ct) =>
        {
            if (source.StartsWith("slow", StringComparison.Ordinal))
            {
                await slowHostAnswers.Task.WaitAsync(ct);
            }

            done.Enqueue(source);
        });

        for (var i = 0; i < 5; i++)
        {
            Enqueue(lanes, $"slow{i}", "slow.invalid");
        }

        for (var i = 0; i < 9; i++)
        {
            Enqueue(lanes, $"fast{i}", $"fast{i % 3}.invalid");
        }

        await WaitUntilAsync(() => done.Count == 9);
        Assert.All(done, source => Assert.StartsWith("fast", source, StringComparison.Ordinal));
        Assert.Equal(3, lanes.Waiting); // the slow host's other checks wait in its own lane

        slowHostAnswers.SetResult();
        await WaitUntilAsync(() => done.Count == 14);
        await lanes.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SourceFiredAgainWhileItsCheckRuns_IsCheckedAgainAfterwards_NeverTwiceAtOnce()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var most = 0;
        var runs = 0;
        using var lanes = Lanes(async (_, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await release.Task.WaitAsync(ct);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref runs);
        });

        Enqueue(lanes, "county", "news.invalid");
        await WaitUntilAsync(() => Volatile.Read(ref running) == 1);
        Enqueue(lanes, "county", "news.invalid"); // the next firing, while the first check still runs
        await WaitUntilAsync(() => lanes.Waiting == 0);
        release.SetResult();

        await WaitUntilAsync(() => Volatile.Read(ref runs) >= 2);
        Assert.Equal(1, most);
        await lanes.StopAsync(CancellationToken.None);
        Assert.Equal(2, Volatile.Read(ref runs)); // one more check for the firing, not two (it once raced to three)
    }

    [Fact]
    public async Task FiringsWhileTheCheckStillWaits_AreServedByIt_AndCounted()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new ConcurrentQueue<string>();
        using var lanes = Lanes(async (source, ct) =>
        {
            await release.Task.WaitAsync(ct);
            runs.Enqueue(source);
        });

        // Four checks on one host with two workers: two run, two wait; the waiting ones fire again.
        foreach (var source in new[] { "a", "b", "c", "d", "c", "d" })
        {
            Enqueue(lanes, source, "one.invalid");
        }

        release.SetResult();
        await WaitUntilAsync(() => runs.Count == 4);
        Assert.Equal(["a", "b", "c", "d"], runs.Order(StringComparer.Ordinal));
        Assert.Equal(2, _bed.Get<CheckTimeliness>().Merged);
        await lanes.StopAsync(CancellationToken.None);
    }

    private CheckLanes Lanes(Func<string, CancellationToken, Task> check) => new(
        check,
        _bed.Get<CheckTimeliness>(),
        _bed.Get<SourceCatalog>(),
        _bed.Get<IOptions<FetchingOptions>>(),
        _bed.Get<IOptions<SchedulingOptions>>(),
        NullLogger<CheckLanes>.Instance);

    private void Enqueue(CheckLanes lanes, string source, string host) =>
        lanes.Enqueue(source, host, _bed.Time.GetUtcNow(), _bed.Time.GetUtcNow().AddMinutes(1), TimeSpan.FromMinutes(1));

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
