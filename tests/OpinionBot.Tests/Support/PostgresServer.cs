using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OpinionBot.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL server for the whole test run: <c>initdb</c> in a temp folder (as a non-root user when the
/// tests run as root), listening on 127.0.0.1 on a free port with its socket in that folder and fsync off, stopped and
/// deleted when the run ends. <c>OPINIONBOT_TEST_POSTGRES</c> (a connection string with the right to create databases)
/// uses an existing server instead. Without either, <see cref="Missing"/> says why and the postgres tests skip.
/// </summary>
public sealed class PostgresServer
{
    public const string Variable = "OPINIONBOT_TEST_POSTGRES";

    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    /// <summary>Why there is no server to test on (the reason shown for skipped tests), or null when there is one.</summary>
    public static string? Missing { get; } = FindMissing();

    /// <summary>The server, started on first use. Throws when the binaries are there but the server does not start.</summary>
    public static PostgresServer Instance => Shared.Value;

    public string AdminConnectionString { get; }

    /// <summary>A new, empty database; returns its name and connection string.</summary>
    public (string Name, string ConnectionString) CreateDatabase()
    {
        var name = string.Create(CultureInfo.InvariantCulture,
            $"ob_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}");
        Execute($"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return (name, builder.ConnectionString);
    }

    public void DropDatabase(string name, string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string? FindMissing() =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)) || FindBinaries() is not null
            ? null
            : $"PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or PATH: apt-get install postgresql, or set {Variable} to a connection string";

    private static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static PostgresServer Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } existing)
        {
            return new PostgresServer(existing);
        }

        var binaries = FindBinaries() ?? throw new InvalidOperationException(Missing);
        // PostgreSQL refuses to run as root: the tests then run it as the postgres user (or nobody).
        var user = Environment.UserName == "root" ? (File.ReadAllText("/etc/passwd").Contains("\npostgres:", StringComparison.Ordinal) ? "postgres" : "nobody") : null;
        var folder = Directory.CreateTempSubdirectory("opinionbot-pg-").FullName;
        if (user is not null)
        {
            Run("chown", null, "-R", user, folder);
        }

        var data = Path.Combine(folder, "data");
        Run(Path.Combine(binaries, "initdb"), user, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                Run(Path.Combine(binaries, "pg_ctl"), user, "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                    "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start");
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Someone took the port between our probe and the start: try another.
                continue;
            }

            var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=60";
            RemoveWhenTheRunEnds(folder, Path.Combine(binaries, "pg_ctl"), user);
            return new PostgresServer(connectionString);
        }
    }

    /// <summary>
    /// A detached shell waits for this test process to end (however it ends: the runner kills it without running exit
    /// handlers), then stops the server and deletes its folder.
    /// </summary>
    private static void RemoveWhenTheRunEnds(string folder, string pgCtl, string? user)
    {
        var stop = (user is null ? "" : $"runuser -u {user} -- ") + $"'{pgCtl}' -D '{folder}/data' -m immediate -w stop";
        // Its output goes nowhere (the pipes to this process break when it ends) and hang-ups are ignored; the folder is
        // removed again until it is gone, in case the server's last files were still being written.
        var script = $"exec </dev/null >/dev/null 2>&1; trap '' HUP PIPE; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; " +
            $"for i in 1 2 3 4 5; do rm -rf '{folder}'; [ -e '{folder}' ] || break; sleep 1; done";
        var start = new ProcessStartInfo(NeedsFactAttribute.OnPath("setsid") ? "setsid" : "sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (start.FileName == "setsid")
        {
            start.ArgumentList.Add("sh");
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var watcher = Process.Start(start)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string? user, params string[] arguments)
    {
        var start = new ProcessStartInfo(user is null || program == "chown" ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (user is not null && program != "chown")
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}{output.Result}");
        }
    }
}

/// <summary>
/// A fresh database of the shared server for one test class (an <c>IClassFixture</c>), dropped afterwards. Tests call
/// <see cref="Open"/>, which skips them when there is no PostgreSQL and empties the database otherwise.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly Lazy<(string Name, string ConnectionString)> _database =
        new(() => PostgresServer.Instance.CreateDatabase(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of an empty database; skips the calling test when PostgreSQL is missing.</summary>
    public string Open()
    {
        Xunit.Skip.If(PostgresServer.Missing is not null, PostgresServer.Missing);
        var connectionString = _database.Value.ConnectionString;
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public", connection);
        command.ExecuteNonQuery();
        return connectionString;
    }

    public void Dispose()
    {
        if (_database.IsValueCreated)
        {
            PostgresServer.Instance.DropDatabase(_database.Value.Name, _database.Value.ConnectionString);
        }
    }
}
