namespace OpinionBot.Storage.LiteDb;

/// <summary>
/// Group commit for LiteDB's log file. LiteDB flushes the log to disk (fsync) inside every commit, while the writer
/// holds the one storage lock: on a slow disk each check's write held the lock for tens to hundreds of milliseconds,
/// nearly all of it waiting for the disk. Here the log is a <see cref="LogStream"/> whose commit-time flush only hands
/// the pages to the operating system (which already keeps them through a crash of the process); the writer then
/// leaves the lock and waits in <see cref="WaitDurable"/>, where one fsync covers every transaction committed before
/// it began, so concurrent writers share one flush. Nobody is told a write succeeded before it is on disk.
/// </summary>
internal sealed class GroupFlush(FileStream log)
{
    private readonly object _gate = new();
    private long _generation; // goes up when a checkpoint empties the log (its pages are then in the flushed data file)
    private long _writtenEnd; // how far into the log LiteDB's writer thread has written
    private long _writes;
    private long _durable;
    private bool _flushing;

    /// <summary>Flushes performed (each one fsync of the log), for tests and the load run.</summary>
    public long Flushes { get; private set; }

    /// <summary>Where the log stands now: a commit's pages end at <paramref name="end"/> once its writer has written them.</summary>
    public (long Generation, long End) Mark(long end)
    {
        lock (_gate)
        {
            return (_generation, end);
        }
    }

    /// <summary>LiteDB's writer wrote up to <paramref name="end"/> (called by <see cref="LogStream"/> after the bytes went to the OS).</summary>
    public void Written(long end)
    {
        lock (_gate)
        {
            _writtenEnd = Math.Max(_writtenEnd, end);
            _writes++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>A checkpoint emptied (or set the length of) the log.</summary>
    public void Truncated(long length)
    {
        lock (_gate)
        {
            _generation++;
            _writtenEnd = length;
            _writes++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Returns once the pages of the commit marked <paramref name="mark"/> are written and on disk.</summary>
    public void WaitDurable((long Generation, long End) mark)
    {
        lock (_gate)
        {
            // LiteDB's commit only queues the transaction's pages for its writer thread: first wait until that thread
            // has written them (a checkpoint since then moved them into the data file, flushed).
            while (_generation == mark.Generation && _writtenEnd < mark.End)
            {
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(50));
            }

            var target = _writes;
            while (_durable < target)
            {
                if (_flushing)
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                // This thread flushes for everyone waiting: all written up to now is covered by one fsync.
                _flushing = true;
                var upTo = _writes;
                Monitor.Exit(_gate);
                var flushed = false;
                try
                {
                    log.Flush(flushToDisk: true);
                    flushed = true;
                }
                finally
                {
                    Monitor.Enter(_gate);
                    _flushing = false;
                    if (flushed)
                    {
                        _durable = Math.Max(_durable, upTo);
                        Flushes++;
                    }

                    Monitor.PulseAll(_gate);
                }
            }
        }
    }
}

/// <summary>
/// LiteDB 5's writer thread (internal): a commit gives its pages log positions and queues them there, then returns at
/// once; the thread writes them in order. The position after a commit's last page, read by reflection (LiteDB 5.0.x),
/// says when they are written; a LiteDB without it fails at start rather than losing the guarantee.
/// </summary>
internal static class LiteWriterQueue
{
    private const System.Reflection.BindingFlags Fields = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;

    private const long PageSize = 8192;

    /// <summary>Where the log's last queued page ends (LiteDB's <c>DiskService._logLength</c> is that page's start).</summary>
    public static Func<long> LogEnd(LiteDB.LiteDatabase database)
    {
        var disk = Field(Field(database, "_engine"), "_disk");
        var length = disk.GetType().GetField("_logLength", Fields) ?? throw Unsupported("DiskService._logLength");
        return () => (long)length.GetValue(disk)! + PageSize;
    }

    private static object Field(object owner, string name) =>
        owner.GetType().GetField(name, Fields)?.GetValue(owner) ?? throw Unsupported(owner.GetType().Name + "." + name);

    private static NotSupportedException Unsupported(string what) =>
        new($"This LiteDB version has no {what}: OpinionBot's group commit needs LiteDB 5.0.x's writer queue.");
}

/// <summary>
/// LiteDB's log file: writes go straight to the OS (unbuffered); a flush asked for by a commit is left to
/// <see cref="GroupFlush"/>, which the committing thread waits on after leaving the storage lock.
/// </summary>
internal sealed class LogStream(FileStream inner, Action<long> written, Action<long> truncated) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override void Flush() => inner.Flush(flushToDisk: false);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value)
    {
        inner.SetLength(value);
        truncated(value);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        written(inner.Position);
    }
}

/// <summary>LiteDB's data file, written by checkpoints only: every flush really reaches the disk before the log is cut.</summary>
internal sealed class DataStream(FileStream inner) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override void Flush() => inner.Flush(flushToDisk: true);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
}
