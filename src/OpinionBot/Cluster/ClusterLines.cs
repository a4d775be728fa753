using System.Text;
using Npgsql;
using OpinionBot.Chat;
using OpinionBot.Text;

namespace OpinionBot.Cluster;

/// <summary><c>/status</c>'s cluster block: live nodes and lease holders; nothing at all on a single node.</summary>
public static class ClusterLines
{
    private static readonly string[] Known = [LeaseNames.Updates, LeaseNames.Delivery, LeaseNames.Duties];

    public static string Describe(ILeases leases, Strings text, CardRenderer renderer)
    {
        ClusterSnapshot? snapshot;
        try
        {
            snapshot = leases.Snapshot();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return "\n" + text.ClusterUnreachable(CardRenderer.Html(ex.Message));
        }

        if (snapshot is null)
        {
            return "";
        }

        var html = new StringBuilder();
        html.Append('\n').Append(text.ClusterNodes(snapshot.Nodes.Count));
        foreach (var node in snapshot.Nodes)
        {
            html.Append('\n').Append(text.ClusterNode(CardRenderer.Html(node.Name), node.Name == snapshot.Self, renderer.Time(node.Started)));
        }

        foreach (var lease in Known.Concat(snapshot.Leases.Select(l => l.Lease)).Distinct())
        {
            html.Append('\n').Append(snapshot.Leases.FirstOrDefault(l => l.Lease == lease) is { } held
                ? text.ClusterLease(lease, CardRenderer.Html(held.Holder))
                : text.ClusterLeaseFree(lease));
        }

        return html.ToString();
    }
}
