using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OpinionBot.Cluster;

/// <summary>
/// Leases in the shared PostgreSQL database, on the database's clock. Every third of <see cref="ClusterOptions.LeaseTime"/>
/// this node writes its heartbeat and takes or renews each lease its work asked for, each with one atomic statement that
/// succeeds only if the lease is free, expired, or already ours. A dead node stops renewing, so its leases expire and
/// move within a lease time and a third.
/// <para>
/// Fencing by time: a renewal that starts at local time t makes the lease last until at least t + LeaseTime on the
/// database's clock (its <c>now()</c> is read after t). The holder stops the work at t + LeaseTime − margin unless a later
/// renewal moved that point, so a node cut off from the database has stopped before anyone else can take its lease.
/// </para>
/// </summary>
public sealed class PostgresLeases : BackgroundService, ILeases
{
    private const string Take = """
        INSERT INTO ob_leases AS l (name, holder, expires) VALUES (@name, @me, now() + @time)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
        WHERE l.expires < now() OR l.holder = @me
        RETURNING holder
        """;

    private const string Beat = """
        INSERT INTO ob_nodes (name, started, last_seen) VALUES (@me, now(), now())
        ON CONFLICT (name) DO UPDATE SET last_seen = now()
        """;

    private readonly NpgsqlDataSource _database;
    private readonly string _me;
    private readonly TimeSpan _leaseTime;
    private readonly TimeSpan _margin;
    private readonly ILogger<PostgresLeases> _logger;
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _failing;

    public PostgresLeases(ClusterDatabase database, IOptions<ClusterOptions> options, ILogger<PostgresLeases> logger)
    {
        _database = database.Source;
        _me = options.Value.NodeName;
        _leaseTime = options.Value.LeaseTime;
        // The work gets a fifth of the lease time to wind down after it is told to stop.
        _margin = _leaseTime / 5;
        _logger = logger;
    }

    public string NodeName => _me;

    public bool Holds(string lease) => _leases.TryGetValue(lease, out var held) && held.Current() is not null;

    public async Task<CancellationToken> AcquireAsync(string lease, CancellationToken cancellationToken)
    {
        var wanted = _leases.GetOrAdd(lease, name => new Lease(name));
        Wake();
        while (true)
        {
            // The next term is taken before looking at the current one, so a term that starts in between is not missed.
            var next = wanted.NextTerm();
            if (wanted.Current() is { } token)
            {
                return token;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    public ClusterSnapshot? Snapshot()
    {
        using var connection = _database.OpenConnection();
        var nodes = new List<ClusterNode>();
        using (var command = new NpgsqlCommand("SELECT name, started, last_seen FROM ob_nodes WHERE last_seen > now() - @window ORDER BY name", connection))
        {
            command.Parameters.AddWithValue("window", _leaseTime * 3);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                nodes.Add(new ClusterNode(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        var leases = new List<LeaseHolder>();
        using (var command = new NpgsqlCommand("SELECT name, holder, expires FROM ob_leases WHERE expires > now() ORDER BY name", connection))
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                leases.Add(new LeaseHolder(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        return new ClusterSnapshot(_me, nodes, leases);
    }

    public async Task<IAsyncDisposable> ExclusiveAsync(string name, CancellationToken cancellationToken)
    {
        // A session-level advisory lock: released on unlock, or by the server when the connection (or the node) dies.
        var connection = await _database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext(@name))", connection);
            command.Parameters.AddWithValue("name", "opinionbot." + name);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the cluster tables exist (the first round has run).</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = _leaseTime / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(every, stoppingToken);
                if (_failing)
                {
                    _logger.LogInformation("The cluster database answers again");
                    _failing = false;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The leases this node holds run out on their own (fencing by time); the next round tries again.
                if (!_failing)
                {
                    _logger.LogWarning("Renewing the cluster leases failed ({Error}); work under them stops unless a renewal succeeds in time", ex.Message);
                }

                _failing = true;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await _wake.WaitAsync(every, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var lease in _leases.Values)
        {
            lease.End();
        }

        // A clean stop hands the leases over at once instead of making the others wait for them to expire.
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var connection = await _database.OpenConnectionAsync(timeout.Token);
            await using var command = new NpgsqlCommand("DELETE FROM ob_leases WHERE holder = @me; DELETE FROM ob_nodes WHERE name = @me", connection);
            command.Parameters.AddWithValue("me", _me);
            await command.ExecuteNonQueryAsync(timeout.Token);
            _logger.LogInformation("Node {Node} released its leases", _me);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            _logger.LogWarning("Releasing the leases failed ({Error}); they expire within {Seconds}s", ex.Message, _leaseTime.TotalSeconds);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        foreach (var lease in _leases.Values)
        {
            lease.Dispose();
        }

        base.Dispose();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private async Task RoundAsync(TimeSpan every, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(every);
        if (!_ready.Task.IsCompleted)
        {
            await ClusterTables.CreateAsync(_database, timeout.Token);
            _ready.TrySetResult();
        }

        await using var connection = await _database.OpenConnectionAsync(timeout.Token);
        await using (var beat = new NpgsqlCommand(Beat, connection))
        {
            beat.Parameters.AddWithValue("me", _me);
            await beat.ExecuteNonQueryAsync(timeout.Token);
        }

        foreach (var lease in _leases.Values)
        {
            var started = Stopwatch.GetTimestamp();
            await using var take = new NpgsqlCommand(Take, connection);
            take.Parameters.AddWithValue("name", lease.Name);
            take.Parameters.AddWithValue("me", _me);
            take.Parameters.AddWithValue("time", _leaseTime);
            var holder = await take.ExecuteScalarAsync(timeout.Token) as string;
            var left = _leaseTime - _margin - Stopwatch.GetElapsedTime(started);
            if (holder == _me && left > TimeSpan.Zero)
            {
                if (lease.Renew(left))
                {
                    _logger.LogInformation("Node {Node} took lease {Lease}", _me, lease.Name);
                }
            }
            else if (lease.End())
            {
                _logger.LogWarning("Node {Node} lost lease {Lease}", _me, lease.Name);
            }
        }
    }

    /// <summary>One lease this node wants: the current term while held, cancelled at the fence time.</summary>
    private sealed class Lease(string name) : IDisposable
    {
        private readonly Lock _gate = new();
        private CancellationTokenSource? _term;
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name { get; } = name;

        public CancellationToken? Current()
        {
            lock (_gate)
            {
                return _term is { IsCancellationRequested: false } term ? term.Token : null;
            }
        }

        public Task NextTerm()
        {
            lock (_gate)
            {
                return _next.Task;
            }
        }

        /// <summary>Moves the fence to <paramref name="left"/> from now; true when this starts a new term.</summary>
        public bool Renew(TimeSpan left)
        {
            lock (_gate)
            {
                if (_term is { IsCancellationRequested: false } term)
                {
                    term.CancelAfter(left);
                    return false;
                }

                // The old term's token may still be watched: it is left to the collector rather than disposed under a reader.
                _term = new CancellationTokenSource(left);
                var started = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                started.TrySetResult();
                return true;
            }
        }

        /// <summary>Ends the current term now; true when there was one.</summary>
        public bool End()
        {
            lock (_gate)
            {
                if (_term is not { IsCancellationRequested: false } term)
                {
                    return false;
                }

                term.Cancel();
                return true;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _term?.Dispose();
            }
        }
    }
}
