namespace OpinionBot.Cluster;

/// <summary>
/// Who may do a piece of work that must run on one node only: poll Telegram (<see cref="LeaseNames.Updates"/>), drain the
/// outbox (<see cref="LeaseNames.Delivery"/>), run the background duties (<see cref="LeaseNames.Duties"/>). One node
/// alone holds every lease (<see cref="SingleNodeLeases"/>); in cluster mode leases live in PostgreSQL
/// (<see cref="PostgresLeases"/>) and move to another node when their holder dies.
/// </summary>
public interface ILeases
{
    /// <summary>Whether this node holds the lease now (and may do its work).</summary>
    bool Holds(string lease);

    /// <summary>
    /// Waits until this node holds the lease. The token returned is cancelled when this node stops holding it: before
    /// the lease can expire in the database, so the work stops before any other node can take it over.
    /// </summary>
    Task<CancellationToken> AcquireAsync(string lease, CancellationToken cancellationToken);

    /// <summary>The live nodes and the lease holders for <c>/status</c>; null on a single node.</summary>
    ClusterSnapshot? Snapshot();

    /// <summary>
    /// Waits until no other node runs the section <paramref name="name"/> and holds it until disposed (e.g. scheduling
    /// the sources, which every node does at start). A single node has nobody to wait for.
    /// </summary>
    Task<IAsyncDisposable> ExclusiveAsync(string name, CancellationToken cancellationToken);
}

public static class LeaseNames
{
    /// <summary>Long-polling getUpdates: Telegram answers one poller per bot and refuses a second (409).</summary>
    public const string Updates = "updates";

    /// <summary>Draining the outbox: one paced sender per bot.</summary>
    public const string Delivery = "delivery";

    /// <summary>Background duties that must not run twice (the evidence pass, backups).</summary>
    public const string Duties = "duties";

    /// <summary>Every lease some node must hold for the bot to work.</summary>
    public static readonly IReadOnlyList<string> All = [Updates, Delivery, Duties];
}

/// <summary>What <c>/status</c> shows of the cluster.</summary>
public sealed record ClusterSnapshot(string Self, IReadOnlyList<ClusterNode> Nodes, IReadOnlyList<LeaseHolder> Leases);

public sealed record ClusterNode(string Name, DateTimeOffset Started, DateTimeOffset LastSeen);

public sealed record LeaseHolder(string Lease, string Holder, DateTimeOffset Expires);

/// <summary>One worker on its own: it holds every lease, always, and nothing is stored.</summary>
public sealed class SingleNodeLeases : ILeases
{
    public bool Holds(string lease) => true;

    public Task<CancellationToken> AcquireAsync(string lease, CancellationToken cancellationToken) => Task.FromResult(CancellationToken.None);

    public ClusterSnapshot? Snapshot() => null;

    public Task<IAsyncDisposable> ExclusiveAsync(string name, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(Nothing.Instance);

    private sealed class Nothing : IAsyncDisposable
    {
        public static readonly Nothing Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
