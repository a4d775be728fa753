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
        T result;
        bool touched;
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
            // below hear of the write after it.
            _engine.WaitDurable();
        }

        if (touched)
        {
            Interlocked.Increment(ref _outboxVersion);
        }

        if (touched)
        {
            OutboxChanged?.Invoke();
        }

        return result;
    }
}
