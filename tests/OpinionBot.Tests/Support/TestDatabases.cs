using System.Collections.Concurrent;
using Npgsql;
using OpinionBot.Storage;

namespace OpinionBot.Tests.Support;

/// <summary>
/// The database a test bed opens: a LiteDB file at the path it names (the default), or, when the environment variable
/// <c>OPINIONBOT_TEST_PROVIDER=postgres</c>, a fresh database of the test PostgreSQL server (<see cref="PostgresServer"/>)
/// that stands for that path: the same path gives the same database, so restarts and "open the file again" work alike.
/// Tests about the LiteDB file itself (backups, the engine, migration from it) open their files directly instead, or name
/// <c>Storage:Provider=litedb</c> in their settings. The throwaway server takes its databases with it when the run ends;
/// on an existing server (<c>OPINIONBOT_TEST_POSTGRES</c>) the <c>ob_test_*</c> databases are left behind (the test host
/// is killed without exit handlers) and can be dropped by name.
/// </summary>
public static class TestDatabases
{
    public const string Variable = "OPINIONBOT_TEST_PROVIDER";

    private static readonly ConcurrentDictionary<string, Lazy<(string Name, string ConnectionString)>> Databases = new(StringComparer.Ordinal);

    /// <summary>True when this run puts the test beds on PostgreSQL.</summary>
    public static bool Postgres { get; } = (Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant()) switch
    {
        null or "" or StorageOptions.LiteDb => false,
        StorageOptions.Postgres => true,
        var other => throw new InvalidOperationException($"{Variable}='{other}' is unknown: use '{StorageOptions.LiteDb}' (the default) or '{StorageOptions.Postgres}'."),
    };

    /// <summary>The provider the test beds use: <c>litedb</c> or <c>postgres</c>.</summary>
    public static string Provider => Postgres ? StorageOptions.Postgres : StorageOptions.LiteDb;

    /// <summary>Opens the database standing for <paramref name="path"/> as the worker would.</summary>
    public static OpinionDatabase Open(string path) => StorageEngines.OpenDatabase(Options(path));

    /// <summary>The storage settings for <paramref name="path"/>.</summary>
    public static StorageOptions Options(string path) => Postgres
        ? new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = ConnectionString(path), Path = path }
        : new StorageOptions { Path = path };

    /// <summary>
    /// Points in-memory settings that name a LiteDB file (<c>Storage:Path</c>) at the database standing for it. Call it
    /// on the settings before building the configuration. Settings that name a provider themselves keep it (a test about
    /// the LiteDB file says <c>Storage:Provider=litedb</c>).
    /// </summary>
    public static Dictionary<string, string?> Use(Dictionary<string, string?> settings)
    {
        if (Postgres && !settings.ContainsKey("Storage:Provider") && settings.TryGetValue("Storage:Path", out var path) && path is not null)
        {
            settings["Storage:Provider"] = StorageOptions.Postgres;
            settings["Storage:ConnectionString"] = ConnectionString(path);
        }

        return settings;
    }

    /// <summary>The same as environment variables (<c>Storage__Path</c> and so on) for a bot started as a process.</summary>
    public static void Use(IDictionary<string, string?> environment, string path)
    {
        environment["Storage__Path"] = path;
        if (Postgres)
        {
            environment["Storage__Provider"] = StorageOptions.Postgres;
            environment["Storage__ConnectionString"] = ConnectionString(path);
        }
    }

    /// <summary>The same as command-line arguments (<c>--Storage:Path=...</c>).</summary>
    public static IEnumerable<string> Arguments(string path)
    {
        yield return "--Storage:Path=" + path;
        if (Postgres)
        {
            yield return "--Storage:Provider=" + StorageOptions.Postgres;
            yield return "--Storage:ConnectionString=" + ConnectionString(path);
        }
    }

    /// <summary>The connection string of the PostgreSQL database standing for <paramref name="path"/>, created on first use.</summary>
    public static string ConnectionString(string path)
    {
        if (PostgresServer.Missing is { } missing)
        {
            throw new InvalidOperationException($"{Variable}=postgres, but there is no PostgreSQL to test on: {missing}");
        }

        var database = Databases.GetOrAdd(Path.GetFullPath(path), _ => new(() =>
        {
            var (name, connectionString) = PostgresServer.Instance.CreateDatabase();
            // Test beds come and go by the hundred: idle connections of closed ones must not pile up on the server.
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { ConnectionIdleLifetime = 10, ConnectionPruningInterval = 2 };
            return (name, builder.ConnectionString);
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        return database.Value.ConnectionString;
    }
}
