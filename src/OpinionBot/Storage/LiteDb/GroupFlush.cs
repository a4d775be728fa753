namespace OpinionBot.Storage.LiteDb;

/// <summary>
/// Group commit for LiteDB's log file. With LiteDB's own files, each check's write held the one storage lock ~120 ms on
/// a slow shared disk, nearly all of it in the commit waiting on the log's fsync. Here the log is a
/// <see cref="LogStream"/> whose flush only hands the pages to the operating system; the committing thread leaves the
/// lock and then waits in <see cref="WaitDurable"/>, where one fsync covers everything written to the log before it
/// began, so concurrent writers share one flush. Since LiteDB 5.0.21 a commit writes its pages to the log itself before
/// it returns (5.0.20 queued them for a writer thread of its own, so a process killed just after a commit could lose it),
/// so the flush a writer waits for covers its own commit exactly.
/// </summary>
internal sealed class GroupFlush(FileStream log)
{
    private readonly object _gate = new();
    private long _written;
    private long _durable;
    private bool _flushing;

    /// <summary>Flushes performed (each one fsync of the log), for tests and the load run.</summary>
    public long Flushes { get; private set; }

    /// <summary>The log was written to (called by <see cref="LogStream"/> after the bytes went to the OS).</summary>
    public void Written() => Interlocked.Increment(ref _written);

    /// <summary>Returns once everything written to the log before this call (by LiteDB's writer thread) is on disk.</summary>
    public void WaitDurable()
    {
        var target = Interlocked.Read(ref _written);
        lock (_gate)
        {
            while (_durable < target)
            {
                if (_flushing)
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                // This thread flushes for everyone waiting: all written up to now is covered by one fsync.
                _flushing = true;
                var upTo = Interlocked.Read(ref _written);
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
/// LiteDB's log file: writes go straight to the OS (unbuffered); a flush asked for by a commit is left to
/// <see cref="GroupFlush"/>, which the committing thread waits on after leaving the storage lock.
/// </summary>
internal sealed class LogStream(FileStream inner, GroupFlush group) : Stream
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

    public override void Flush()
    {
        inner.Flush(flushToDisk: false);
        group.Written();
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value)
    {
        inner.SetLength(value);
        group.Written();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        group.Written();
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
