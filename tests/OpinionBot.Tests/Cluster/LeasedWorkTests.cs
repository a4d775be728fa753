using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OpinionBot.Cluster;
using Xunit;

namespace OpinionBot.Tests.Cluster;

/// <summary>Work under a lease runs while the lease is held, stops when it is lost, and starts afresh when it returns.</summary>
public sealed class LeasedWorkTests
{
    [Fact]
    public async Task WorkRunsOnlyWhileTheLeaseIsHeld()
    {
        var leases = new HandedLeases();
        var made = new List<CountingWork>();
        using var work = new LeasedWork(leases, LeaseNames.Delivery, () =>
        {
            var one = new CountingWork();
            made.Add(one);
            return one;
        }, fresh: true, NullLogger<LeasedWork>.Instance);
        await work.StartAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.Empty(made);

        var first = leases.Grant();
        await WaitUntil(() => made.Count == 1 && made[0].Running);
        first.Cancel();
        await WaitUntil(() => !made[0].Running && made[0].Disposed);

        leases.Grant();
        await WaitUntil(() => made.Count == 2 && made[1].Running);
        await work.StopAsync(CancellationToken.None);
        Assert.False(made[1].Running);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    /// <summary>Leases the test hands out and takes back.</summary>
    private sealed class HandedLeases : ILeases
    {
        private TaskCompletionSource<CancellationToken> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Grant()
        {
            var term = new CancellationTokenSource();
            var next = _next;
            _next = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
            next.SetResult(term.Token);
            return term;
        }

        public bool Holds(string lease) => false;

        public Task<CancellationToken> AcquireAsync(string lease, CancellationToken cancellationToken) => _next.Task.WaitAsync(cancellationToken);

        public ClusterSnapshot? Snapshot() => null;

        public Task<IAsyncDisposable> ExclusiveAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class CountingWork : IHostedService, IDisposable
    {
        public bool Running { get; private set; }

        public bool Disposed { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Running = true;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Running = false;
            return Task.CompletedTask;
        }

        public void Dispose() => Disposed = true;
    }
}
