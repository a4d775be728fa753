using LiteDB;
using Npgsql;

namespace OpinionBot.Storage.Postgres;

/// <summary>
/// The PostgreSQL provider: one table per kind of document (<c>ob_&lt;name&gt; (id text, doc jsonb)</c>, an expression
/// index per queried field), files in <c>ob_files</c>. Every write transaction takes one advisory lock first, so writers
/// on all nodes run one at a time, as LiteDB's single writer does; reads see a snapshot and never wait.
/// </summary>
public sealed class PostgresEngine : IStorageEngine
{
    /// <summary>The advisory lock every writer holds until it commits ("OBwrite" in ASCII).</summary>
    internal const long WriteLock = 0x4F42_7772_6974_65;

    /// <summary>The channel other nodes are told on when a transaction queued outbox messages.</summary>
    internal const string OutboxChannel = "ob_outbox";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger? _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _listening;

    private PostgresEngine(NpgsqlDataSource dataSource, ILogger? logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        Mapper = Tables.CreateMapper();
        // JSON has one kind of integer: a small long reads back as an Int32, which the mapper would not widen by itself.
        Mapper.RegisterType<long>(value => new BsonValue(value), bson => bson.AsInt64);
    }

    /// <summary>Raised when another node committed outbox messages (and after the listener reconnects, in case it missed some).</summary>
    public event Action? OutboxNotified;

    public string Provider => "postgres";

    /// <summary>This engine's name in notifications, so it ignores its own.</summary>
    internal string Node { get; } = Guid.NewGuid().ToString("N");

    internal BsonMapper Mapper { get; }

    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>
    /// Connects and creates (or upgrades) the schema. Throws <see cref="StorageUnavailableException"/> with a readable
    /// sentence when the server cannot be reached or refuses.
    /// </summary>
    public static PostgresEngine Open(string connectionString, ILogger? logger = null)
    {
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StorageUnavailableException($"Storage:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }

        var engine = new PostgresEngine(dataSource, logger);
        try
        {
            PostgresSchema.Ensure(dataSource);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            engine.Dispose();
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            throw new StorageUnavailableException(
                $"Cannot use the PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port} (Storage:ConnectionString): {ex.Message}", ex);
        }

        return engine;
    }

    public IEngineTransaction Begin(bool write) => new PostgresTransaction(this, write);

    public void CopyTo(string target) => throw new NotSupportedException(
        "The PostgreSQL provider keeps no database file to copy: back it up with pg_dump (or the server's own backups).");

    /// <summary>Starts listening for other nodes' outbox notifications on a connection of its own (reconnects on failure).</summary>
    public void StartListening()
    {
        _listening ??= Task.Run(() => ListenAsync(_stopping.Token));
    }

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _listening?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener ends by cancellation.
        }

        _dataSource.Dispose();
        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload != Node)
                    {
                        OutboxNotified?.Invoke();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                // Anything queued while we were not listening is looked at now.
                OutboxNotified?.Invoke();
                delay = TimeSpan.FromSeconds(1);
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                _logger?.LogWarning(ex, "Lost the PostgreSQL connection that listens for other nodes' outbox messages; reconnecting in {Delay}", delay);
            }

            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
        }
    }
}

/// <summary>The configured database cannot be used: a sentence for the person starting the bot, not a stack trace.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
