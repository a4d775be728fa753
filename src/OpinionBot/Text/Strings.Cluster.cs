namespace OpinionBot.Text;

/// <summary>Cluster mode in <c>/status</c>: the live nodes and who holds which lease.</summary>
public sealed partial class Strings
{
    public string ClusterNodes(int count) => Pick($"🖧 <b>集群</b>：{count} 个节点在线", $"🖧 <b>Cluster</b>: {count} nodes live");

    public string ClusterNode(string name, bool self, string started) =>
        Pick($"· {name}{(self ? "（本节点）" : "")}，{started} 启动", $"· {name}{(self ? " (this node)" : "")}, up since {started}");

    public string ClusterLease(string lease, string holder) => Pick($"· 租约 {lease}：{holder}", $"· lease {lease}: {holder}");

    public string ClusterLeaseFree(string lease) => Pick($"· 租约 {lease}：暂无节点持有", $"· lease {lease}: held by no node");

    public string ClusterUnreachable(string error) => Pick($"🖧 集群数据库无应答：{error}", $"🖧 The cluster database does not answer: {error}");
}
