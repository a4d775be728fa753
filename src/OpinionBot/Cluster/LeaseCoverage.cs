namespace OpinionBot.Cluster;

/// <summary>
/// For <c>/healthz</c> in cluster mode: a lease no node holds means that work (polling Telegram, sending, the duties)
/// is done by nobody. Nobody can be told in the chat then (the sender may be the work that stopped), so every node's
/// health says it, for the monitoring to see. A lease is free for a moment while it moves from a dead node, so it
/// counts only once it has been free longer than a lease lasts.
/// </summary>
public sealed class LeaseCoverage(TimeSpan leaseTime)
{
    private readonly Dictionary<string, DateTimeOffset> _freeSince = [];
    private readonly Lock _gate = new();

    /// <summary>One line per lease free for too long, from a snapshot read at <paramref name="now"/>.</summary>
    public IReadOnlyList<string> Problems(ClusterSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var problems = new List<string>();
        lock (_gate)
        {
            foreach (var lease in LeaseNames.All)
            {
                if (snapshot.Leases.Any(l => l.Lease == lease))
                {
                    _freeSince.Remove(lease);
                    continue;
                }

                var since = _freeSince.TryGetValue(lease, out var seen) ? seen : _freeSince[lease] = now;
                if (now - since > leaseTime)
                {
                    problems.Add($"cluster: no node has held the {lease} lease for {(int)(now - since).TotalSeconds}s");
                }
            }
        }

        return problems;
    }
}
