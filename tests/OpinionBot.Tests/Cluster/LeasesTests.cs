using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpinionBot.Cluster;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Cluster;

/// <summary>Leases in a real PostgreSQL: one holder at a time, handed over on a clean stop, moved when a holder dies.</summary>
public sealed class LeasesTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(3);
    private readonly List<(PostgresLeases Leases, ClusterDatabase Database)> _nodes = [];

    [SkippableFact]
    public async Task OneNodeHoldsALease_TheOtherWaits()
    {
        var connection = database.Open();
        var a = await StartAsync(connection, "node-a");
        var held = await a.AcquireAsync(LeaseNames.Delivery, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var b = await StartAsync(connection, "node-b");
        var waiting = b.AcquireAsync(LeaseNames.Delivery, CancellationToken.None);

        await Task.Delay(LeaseTime * 2);
        Assert.True(a.Holds(LeaseNames.Delivery));
        Assert.False(held.IsCancellationRequested);
        Assert.False(b.Holds(LeaseNames.Delivery));
        Assert.False(waiting.IsCompleted);
        Assert.Equal("node-a", HolderOf(connection, LeaseNames.Delivery));
    }

    [SkippableFact]
    public async Task ACleanStop_HandsTheLeaseOverAtOnce()
    {
        var connection = database.Open();
        var a = await StartAsync(connection, "node-a");
        var held = await a.AcquireAsync(LeaseNames.Updates, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var b = await StartAsync(connection, "node-b");
        var waiting = b.AcquireAsync(LeaseNames.Updates, CancellationToken.None);

        await a.StopAsync(CancellationToken.None);
        Assert.True(held.IsCancellationRequested);
        var clock = Stopwatch.StartNew();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        // Picked up at b's next round (a third of the lease time), not after the lease expired.
        Assert.True(clock.Elapsed < LeaseTime, $"took {clock.Elapsed}");
        Assert.True(b.Holds(LeaseNames.Updates));
    }

    [SkippableFact]
    public async Task ADeadHoldersLease_MovesWithinALeaseTimeAndAThird()
    {
        var connection = database.Open();
        var a = await StartAsync(connection, "node-a");
        await a.AcquireAsync(LeaseNames.Duties, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var b = await StartAsync(connection, "node-b");
        var waiting = b.AcquireAsync(LeaseNames.Duties, CancellationToken.None);

        // Dies: its loop ends and nothing is released, as after kill -9.
        a.Dispose();
        var clock = Stopwatch.StartNew();
        await waiting.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(clock.Elapsed < LeaseTime + LeaseTime / 3 + TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal("node-b", HolderOf(connection, LeaseNames.Duties));
    }

    [SkippableFact]
    public async Task AHolderThatCannotRenew_StopsBeforeItsLeaseExpires()
    {
        var connection = database.Open();
        var a = await StartAsync(connection, "node-a");
        var held = await a.AcquireAsync(LeaseNames.Delivery, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Another session locks the lease row: a's renewals hang until they time out, as with a database out of reach.
        await using var blocker = new NpgsqlConnection(connection);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM ob_leases WHERE name = 'delivery' FOR UPDATE", blocker, transaction))
        {
            await lockRow.ExecuteScalarAsync();
        }

        var stopped = new TaskCompletionSource<DateTimeOffset>();
        held.Register(() => stopped.TrySetResult(DateTimeOffset.UtcNow));
        var stoppedAt = await stopped.Task.WaitAsync(LeaseTime * 2);
        var expires = ExpiryOf(connection, LeaseNames.Delivery);
        Assert.True(stoppedAt < expires, $"stopped at {stoppedAt:O}, the lease ran until {expires:O}");
        Assert.False(a.Holds(LeaseNames.Delivery));
    }

    [SkippableFact]
    public async Task ANodeTakesEveryFreeLeaseItAsksFor()
    {
        var connection = database.Open();
        var a = await StartAsync(connection, "node-a");
        await a.AcquireAsync(LeaseNames.Delivery, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(
            a.AcquireAsync(LeaseNames.Updates, CancellationToken.None),
            a.AcquireAsync(LeaseNames.Duties, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(a.Holds(LeaseNames.Delivery) && a.Holds(LeaseNames.Updates) && a.Holds(LeaseNames.Duties));
    }

    [Fact]
    public async Task OneNodeAlone_HoldsEveryLeaseWithoutADatabase()
    {
        var leases = new SingleNodeLeases();
        Assert.True(leases.Holds(LeaseNames.Updates));
        Assert.False((await leases.AcquireAsync(LeaseNames.Delivery, CancellationToken.None)).CanBeCanceled);
        Assert.Null(leases.Snapshot());
    }

    [SkippableFact]
    public async Task Snapshot_ListsLiveNodesAndHolders()
    {
        var connection = database.Open();
        var a = await StartAsync(connection, "node-a");
        var b = await StartAsync(connection, "node-b");
        await a.AcquireAsync(LeaseNames.Updates, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var snapshot = b.Snapshot()!;
        Assert.Equal("node-b", snapshot.Self);
        Assert.Equal(["node-a", "node-b"], snapshot.Nodes.Select(n => n.Name));
        Assert.Equal("node-a", Assert.Single(snapshot.Leases).Holder);
    }

    public void Dispose()
    {
        foreach (var (leases, db) in _nodes)
        {
            leases.Dispose();
            db.Dispose();
        }
    }

    private async Task<PostgresLeases> StartAsync(string connection, string name)
    {
        var db = new ClusterDatabase(connection);
        var leases = new PostgresLeases(db, Options.Create(new ClusterOptions { Enabled = true, NodeName = name, LeaseTime = LeaseTime }),
            NullLogger<PostgresLeases>.Instance);
        _nodes.Add((leases, db));
        await leases.StartAsync(CancellationToken.None);
        await leases.Ready.WaitAsync(TimeSpan.FromSeconds(10));
        return leases;
    }

    private static string? HolderOf(string connection, string lease) =>
        Scalar(connection, "SELECT holder FROM ob_leases WHERE name = @name AND expires > now()", lease) as string;

    private static DateTimeOffset ExpiryOf(string connection, string lease) =>
        new((DateTime)Scalar(connection, "SELECT expires FROM ob_leases WHERE name = @name", lease)!, TimeSpan.Zero);

    private static object? Scalar(string connection, string sql, string lease)
    {
        using var open = new NpgsqlConnection(connection);
        open.Open();
        using var command = new NpgsqlCommand(sql, open);
        command.Parameters.AddWithValue("name", lease);
        return command.ExecuteScalar();
    }
}
