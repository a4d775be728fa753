using System.Data;
using Npgsql;

namespace OpinionBot.Storage.Postgres;

/// <summary>
/// One transaction on a connection of its own. A writer first takes the advisory write lock, held until it commits or
/// rolls back, so writes on every node are serialized; a reader works on a read-only snapshot. Nothing is swallowed: a
/// lost connection throws to the caller, which retries or logs as it does for LiteDB.
/// </summary>
internal sealed class PostgresTransaction : IEngineTransaction
{
    private readonly PostgresEngine _engine;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly bool _write;
    private bool _open = true;
    private bool _outboxChanged;

    public PostgresTransaction(PostgresEngine engine, bool write)
    {
        _engine = engine;
        _write = write;
        _connection = engine.DataSource.OpenConnection();
        try
        {
            _transaction = _connection.BeginTransaction(write ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead);
            using var command = Command(write ? $"SELECT pg_advisory_xact_lock({PostgresEngine.WriteLock})" : "SET TRANSACTION READ ONLY");
            command.ExecuteNonQuery();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        Files = new PostgresFileStore(this);
    }

    public IFileStore Files { get; }

    public IDocumentTable<T> Table<T>(TableDefinition table)
        where T : class => new PostgresDocumentTable<T>(this, _engine.Mapper, table);

    public void NoteOutboxChange()
    {
        EnsureWritable();
        _outboxChanged = true;
    }

    public void Commit()
    {
        EnsureOpen();
        _open = false;
        if (_outboxChanged)
        {
            // Delivered to the listening nodes when the transaction commits, never before.
            using var notify = Command($"SELECT pg_notify('{PostgresEngine.OutboxChannel}', @node)");
            notify.Parameters.AddWithValue("node", _engine.Node);
            notify.ExecuteNonQuery();
        }

        _transaction.Commit();
    }

    public void Rollback()
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        if (_connection.State == ConnectionState.Open)
        {
            _transaction.Rollback();
        }
    }

    public void Dispose()
    {
        try
        {
            Rollback();
        }
        finally
        {
            _transaction.Dispose();
            _connection.Dispose();
        }
    }

    public void EnsureOpen()
    {
        if (!_open)
        {
            throw new InvalidOperationException("This storage session has ended: use stores only inside OpinionDatabase.Write or Read.");
        }
    }

    public void EnsureWritable()
    {
        EnsureOpen();
        if (!_write)
        {
            throw new InvalidOperationException("This is a read session: change stored data only inside OpinionDatabase.Write.");
        }
    }

    public NpgsqlCommand Command(string sql) => new(sql, _connection, _transaction);
}
