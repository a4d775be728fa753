namespace OpinionBot.Storage;

/// <summary>A storage provider: LiteDB (one file, one process) or PostgreSQL (one database, one or more nodes).</summary>
public interface IStorageEngine : IDisposable
{
    /// <summary><c>litedb</c> or <c>postgres</c>, for logs and <c>/status</c>.</summary>
    string Provider { get; }

    /// <summary>
    /// Starts a transaction. A write transaction excludes every other writer (in PostgreSQL across all nodes), so the
    /// stores above it keep LiteDB's single-writer rules everywhere.
    /// </summary>
    IEngineTransaction Begin(bool write);

    /// <summary>A consistent copy of everything to one file (LiteDB); providers that cannot say so.</summary>
    void CopyTo(string target);

    /// <summary>
    /// Flushes committed transactions to disk (LiteDB: what its writer thread has written so far). Called after a write
    /// has left the storage lock, so writers waiting at the same time share one flush (group commit); providers whose
    /// commit already waits for the disk need do nothing.
    /// </summary>
    void WaitDurable()
    {
    }
}

/// <summary>One transaction of an engine. Tables and files obtained from it refuse to work once it has ended.</summary>
public interface IEngineTransaction : IDisposable
{
    IDocumentTable<T> Table<T>(TableDefinition table)
        where T : class;

    IFileStore Files { get; }

    /// <summary>Called by a store that queued outbox messages; PostgreSQL tells the other nodes on commit.</summary>
    void NoteOutboxChange();

    void Commit();

    void Rollback();
}
