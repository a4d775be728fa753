using System.Text;
using Npgsql;

namespace OpinionBot.Storage.Postgres;

/// <summary>
/// The tables, created at start: one per <see cref="Tables.All"/> entry with an index per declared field, and
/// <c>ob_files</c>. <c>ob_schema</c> holds the schema version, so a later change can migrate data once at start.
/// Nodes starting together take the writers' lock first, so they do not race to create the same table.
/// </summary>
internal static class PostgresSchema
{
    public const int Version = 1;

    public static void Ensure(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"SELECT pg_advisory_xact_lock({PostgresEngine.WriteLock})");
        Execute(connection, "CREATE TABLE IF NOT EXISTS ob_schema (version integer NOT NULL)");
        var current = Scalar(connection, "SELECT max(version) FROM ob_schema") is int found ? found : 0;
        if (current > Version)
        {
            throw new StorageUnavailableException(
                $"The PostgreSQL database has schema version {current}, newer than this OpinionBot knows ({Version}): upgrade OpinionBot.");
        }

        Execute(connection, Script());
        if (current < Version)
        {
            // Version 1 is the first; later versions add their data migrations here, in order.
            Execute(connection, $"DELETE FROM ob_schema; INSERT INTO ob_schema (version) VALUES ({Version})");
        }

        transaction.Commit();
    }

    public static string TableName(TableDefinition table) => "ob_" + table.Name;

    /// <summary>
    /// The SQL for a field of a document, as indexed and queried: <c>doc->'Field'</c>, with an absent field read as JSON
    /// null, which jsonb orders below every value, as LiteDB does (so an open lower end includes it, and the index serves
    /// equality, ranges and ordering alike). Field names are checked against <see cref="Tables"/> first.
    /// </summary>
    public static string Field(string field) =>
        "(COALESCE(doc->'" + field.Replace("'", "''", StringComparison.Ordinal) + "', 'null'::jsonb))";

    private static string Script()
    {
        var sql = new StringBuilder();
        foreach (var table in Tables.All)
        {
            var name = TableName(table);
            sql.Append($"CREATE TABLE IF NOT EXISTS {name} (id text PRIMARY KEY, doc jsonb NOT NULL);\n");
            sql.Append($"CREATE INDEX IF NOT EXISTS {IndexName(name, "_id")} ON {name} ({Field("_id")});\n");
            foreach (var field in table.Indexes)
            {
                sql.Append($"CREATE INDEX IF NOT EXISTS {IndexName(name, field)} ON {name} ({Field(field)});\n");
            }

            foreach (var field in table.UniqueIndexes)
            {
                sql.Append($"CREATE UNIQUE INDEX IF NOT EXISTS {IndexName(name, field)} ON {name} ({Field(field)});\n");
            }
        }

        // The last number given per table, so a deleted newest document's number is not given again.
        sql.Append("CREATE TABLE IF NOT EXISTS ob_ids (name text PRIMARY KEY, last bigint NOT NULL);\n");
        sql.Append("CREATE TABLE IF NOT EXISTS ob_files (id text PRIMARY KEY, file_name text NOT NULL, metadata jsonb, data bytea NOT NULL);\n");
        return sql.ToString();
    }

    private static string IndexName(string table, string field) => (table + "_" + field).ToLowerInvariant();

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
