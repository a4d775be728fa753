using Npgsql;

namespace OpinionBot.Cluster;

/// <summary>
/// The two tables of cluster mode, in the shared database: <c>ob_nodes</c> (a heartbeat row per node) and
/// <c>ob_leases</c> (who holds which lease until when, on the database's clock). Created at start if missing; several
/// nodes starting at once take turns through an advisory lock.
/// </summary>
public static class ClusterTables
{
    private const string Create = """
        SELECT pg_advisory_xact_lock(hashtext('opinionbot.cluster.tables'));
        CREATE TABLE IF NOT EXISTS ob_nodes (name text PRIMARY KEY, started timestamptz NOT NULL, last_seen timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS ob_leases (name text PRIMARY KEY, holder text NOT NULL, expires timestamptz NOT NULL);
        """;

    public static async Task CreateAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Create, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
