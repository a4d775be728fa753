using LiteDB;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Reports;
using OpinionBot.Scheduling;
using OpinionBot.Sources;
using OpinionBot.Storage.LiteDb;

namespace OpinionBot.Storage;

/// <summary>
/// The unit of work over all state. <see cref="Write{T}(Func{StoreSession, T})"/> runs its work in one transaction and
/// hands it a <see cref="StoreSession"/> with every feature store; a write inside a write joins the outer one, so a
/// state change, its outbox messages and the handled update id commit together. Sessions run one at a time in this
/// process (LiteDB 5's transactions belong to a thread); PostgreSQL also excludes other nodes' writers.
/// </summary>
public sealed class OpinionDatabase : IDisposable
{
    private readonly Lock _lock = new();
    private readonly IStorageEngine _engine;

    // The open session of the thread holding the lock, and how deeply it is nested (only that thread touches them).
    private StoreSession? _session;
    private IEngineTransaction? _transaction;
    private int _depth;

    private long _outboxVersion;
    private long _commits;

    /// <summary>The default: a LiteDB file at <paramref name="path"/>.</summary>
    public OpinionDatabase(string path)
        : this(new LiteEngine(path))
    {
    }

    public OpinionDatabase(IStorageEngine engine)
    {
        _engine = engine;
    }

    /// <summary><c>litedb</c> or <c>postgres</c>.</summary>
    public string Provider => _engine.Provider;

    /// <summary>
    /// Raised once after each committed transaction that queued outbox messages, so the sender wakes once per batch
    /// (a check's whole intake is one transaction), not on every write.
    /// </summary>
    public event Action? OutboxChanged;

    /// <summary>Goes up by one with every committed transaction that queued outbox messages: a cheap "anything new?".</summary>
    public long OutboxVersion => Interlocked.Read(ref _outboxVersion);

    /// <summary>Transactions committed since the file was opened.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Flushes to disk since the file was opened: with LiteDB one flush serves every write that committed while the
    /// previous one ran (group commit), so under load there are fewer flushes than commits.
    /// </summary>
    public long Flushes => _engine is LiteEngine lite ? lite.Flushes : Commits;

    /// <summary>Pages in LiteDB's page cache (see <see cref="LiteEngine.CachedPages"/>); null with PostgreSQL.</summary>
    public int? CachedPages => _engine is LiteEngine lite ? lite.CachedPages : null;

    /// <summary>Runs <paramref name="work"/> in one transaction: all of its writes land, or none do.</summary>
    public T Write<T>(Func<StoreSession, T> work) => Run(work, write: true);

    public void Write(Action<StoreSession> work) => Run(session => { work(session); return 0; }, write: true);

    /// <summary>
    /// Like <see cref="Write(Action{StoreSession})"/>, but returns once committed, without waiting for the disk: for a
    /// write whose loss in a crash is harmless and visible, such as the sender's "delivered" mark (the message, marked
    /// as being sent by a durable write before the call, would go again headed 重发). A later durable write covers it.
    /// </summary>
    public void WriteWithoutWaitingForDisk(Action<StoreSession> work) => Run(session => { work(session); return 0; }, write: true, durable: false);

    /// <summary>
    /// Like <see cref="Write{T}(Func{StoreSession, T})"/>, but returns once committed, leaving the wait for the disk to
    /// the caller: <paramref name="durable"/>.<see cref="PendingFlush.Wait"/> must follow (it also wakes the sender when the
    /// write queued messages, as a plain write does once on disk). For a caller that holds a turn of its own (the
    /// checks' intake turns) and must not keep it through the flush, so the writers behind it share that flush.
    /// </summary>
    public T Write<T>(Func<StoreSession, T> work, out PendingFlush durable)
    {
        var result = Run(work, write: true, durable: false, out var touched);
        durable = new PendingFlush(this, touched);
        return result;
    }

    /// <summary>
    /// Runs a read on a consistent view; results must be materialised inside. Inside a write it reads that write's
    /// session. The stores refuse changes here.
    /// </summary>
    public T Read<T>(Func<StoreSession, T> work) => Run(work, write: false);

    /// <summary>
    /// Wakes the sender as if a transaction had queued messages: for another node's messages (PostgreSQL tells us).
    /// </summary>
    public void SignalOutbox()
    {
        Interlocked.Increment(ref _outboxVersion);
        OutboxChanged?.Invoke();
    }

    /// <summary>
    /// Copies all state to <paramref name="target"/> as one consistent file (LiteDB). Call outside any transaction.
    /// </summary>
    public void CopyTo(string target)
    {
        lock (_lock)
        {
            if (_depth > 0)
            {
                throw new InvalidOperationException("A backup cannot run inside a transaction.");
            }

            _engine.CopyTo(target);
        }
    }

    public void Dispose() => _engine.Dispose();

    private T Run<T>(Func<StoreSession, T> work, bool write, bool durable = true)
    {
        var result = Run(work, write, durable, out var touched);
        if (touched)
        {
            Committed();
        }

        return result;
    }

    /// <summary>Tells the sender that a committed write queued messages.</summary>
    private void Committed()
    {
        Interlocked.Increment(ref _outboxVersion);
        OutboxChanged?.Invoke();
    }

    // Runs the work; when it opened a write transaction, commits it and (when durable) waits for the disk. Tells whether
    // the committed write queued outbox messages: the caller wakes the sender (after the disk, for a durable write).
    private T Run<T>(Func<StoreSession, T> work, bool write, bool durable, out bool touched)
    {
        T result;
        touched = false;
        lock (_lock)
        {
            if (_session is { } open && (open.IsWrite || !write))
            {
                _depth++;
                try
                {
                    return work(open);
                }
                finally
                {
                    _depth--;
                }
            }

            // The outermost session, or a write started inside a read: a transaction of its own.
            var (outerSession, outerTransaction, outerDepth) = (_session, _transaction, _depth);
            var transaction = _engine.Begin(write);
            var session = new StoreSession(transaction, write);
            (_session, _transaction, _depth) = (session, transaction, 1);
            try
            {
                result = work(session);
                transaction.Commit();
                if (write)
                {
                    Interlocked.Increment(ref _commits);
                }
            }
            catch
            {
                transaction.Rollback();
                throw;
            }
            finally
            {
                transaction.Dispose();
                (_session, _transaction, _depth) = (outerSession, outerTransaction, outerDepth);
            }

            touched = write && session.OutboxTouched;
        }

        if (write && durable)
        {
            // Outside the lock, so writers committing meanwhile share this flush; the caller and the sender woken
            // after it hear of the write once it is on disk.
            _engine.WaitDurable();
        }

        return result;
    }

    /// <summary>A committed write still to be waited for on disk (see <see cref="Write{T}(Func{StoreSession, T}, out PendingFlush)"/>).</summary>
    public sealed class PendingFlush
    {
        private readonly OpinionDatabase _db;
        private readonly bool _touched;

        internal PendingFlush(OpinionDatabase db, bool touched)
        {
            _db = db;
            _touched = touched;
        }

        /// <summary>Returns once the write is on disk (shared with the writers that committed meanwhile), then wakes the sender if it queued messages.</summary>
        public void Wait()
        {
            _db._engine.WaitDurable();
            if (_touched)
            {
                _db.Committed();
            }
        }
    }
}
