using Npgsql;

namespace OpinionBot.Cluster;

/// <summary>The connection pool cluster mode uses for its own tables (<c>Storage:ConnectionString</c>).</summary>
public sealed class ClusterDatabase(string connectionString) : IDisposable
{
    public NpgsqlDataSource Source { get; } = NpgsqlDataSource.Create(connectionString);

    public void Dispose() => Source.Dispose();
}
