using System.Reflection;
using LiteDB;

namespace OpinionBot.Storage.LiteDb;

/// <summary>
/// The default provider: one LiteDB file in this process. LiteDB 5 transactions belong to the calling thread, and
/// <see cref="OpinionDatabase"/> runs every session under one lock, so a transaction here is simply the engine's own.
/// </summary>
public sealed class LiteEngine : IStorageEngine
{
    private readonly string _path;
    private readonly FileStream? _data;
    private readonly FileStream? _log;
    private readonly GroupFlush? _flush;
    private Collation? _collation;

    static LiteEngine() => PageCache.Limit();

    public LiteEngine(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _path = path;
        Mapper = Tables.CreateMapper();
        if (path == ":memory:")
        {
            Database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, Mapper);
        }
        else
        {
            // LiteDB's own file names, so a file left by an earlier version (or its pending log) opens as before.
            _data = Open(path);
            _log = Open(LogFileOf(path));
            _flush = new GroupFlush(_log);
            Database = new LiteDatabase(new DataStream(_data), Mapper, new LogStream(_log, _flush));
        }

        foreach (var table in Tables.All)
        {
            var collection = Database.GetCollection(table.Name);
            foreach (var field in table.Indexes)
            {
                collection.EnsureIndex(field, "$." + field);
            }

            foreach (var field in table.UniqueIndexes)
            {
                collection.EnsureIndex(field, "$." + field, unique: true);
            }
        }
    }

    public string Provider => "litedb";

    internal LiteDatabase Database { get; }

    internal BsonMapper Mapper { get; }

    /// <summary>How the file compares strings (ids too): read once, it is fixed when the file is made.</summary>
    internal Collation Collation => _collation ??= Database.Collation;

    public IEngineTransaction Begin(bool write) => new LiteTransaction(this, write);

    /// <summary>
    /// A checkpoint moves every committed page from the <c>-log.db</c> file into the main file, which is then copied;
    /// copying the main file of a running bot without this loses whatever still sits in the log. The caller holds the lock.
    /// </summary>
    public void CopyTo(string target)
    {
        Database.Checkpoint();
        File.Copy(_path, target, overwrite: false);
    }

    /// <summary>Flushes what LiteDB has written to the log; writers share one flush (see <see cref="GroupFlush"/>).</summary>
    public void WaitDurable() => _flush?.WaitDurable();

    /// <summary>Flushes of the log to disk so far (one may serve many commits).</summary>
    public long Flushes => _flush?.Flushes ?? 0;

    /// <summary>
    /// Pages LiteDB's page cache holds memory for (8 KB each; it never gives a page back, so this is the most pages ever
    /// held at once): for the load run and tests. Null when this LiteDB version does not expose it.
    /// </summary>
    public int? CachedPages => PageCache.Allocated(Database);

    public void Dispose()
    {
        // LiteDB checkpoints on closing: the log's pages move into the data file (flushed), the log is emptied.
        Database.Dispose();
        _data?.Dispose();
        if (_log is not null)
        {
            var empty = _log.Length == 0;
            _log.Dispose();
            if (empty)
            {
                File.Delete(LogFileOf(_path)); // as LiteDB does with its own files
            }
        }
    }

    /// <summary>Unbuffered, so every page LiteDB's writer thread writes reaches the OS at once.</summary>
    private static FileStream Open(string file) =>
        new(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess);

    private static string LogFileOf(string file) =>
        Path.Combine(Path.GetDirectoryName(file) ?? "", Path.GetFileNameWithoutExtension(file) + "-log" + Path.GetExtension(file));
}

/// <summary>
/// LiteDB 5 keeps pages in a cache of 8 KB buffers that it allocates in segments (of 12, 50, 100, 500 and then 1,000 pages
/// each: 8 MB) and never gives back; it reuses cached pages only when more than a whole next segment of them is idle,
/// so it grows to about 13 MB (1,662 pages) as soon as the file is that large, and 8 MB more for each larger working
/// set. Those pages are copies of what the operating system's file cache already holds. The segment sizes are a public
/// array in LiteDB's internal <c>Constants</c> class, read when a database opens; capping them at 100 pages keeps the
/// cache at what the largest query pins plus a few hundred pages (the load run's idle worker with 1,000 sources: 13.6 →
/// about 2 MB). If a LiteDB version lacks the array, nothing changes.
/// </summary>
internal static class PageCache
{
    /// <summary>The largest segment, in pages: also how many idle cached pages make LiteDB reuse instead of allocating.</summary>
    public const int MaxSegment = 100;

    public static void Limit()
    {
        var field = typeof(LiteDatabase).Assembly.GetType("LiteDB.Constants")?.GetField("MEMORY_SEGMENT_SIZES", BindingFlags.Public | BindingFlags.Static);
        if (field?.GetValue(null) is int[] sizes)
        {
            for (var i = 0; i < sizes.Length; i++)
            {
                sizes[i] = Math.Min(sizes[i], MaxSegment);
            }
        }
    }

    /// <summary>
    /// The pages a database's cache has allocated: LiteDB's engine, its disk service and that service's public cache are
    /// internal, so they are reached by reflection. Null when a LiteDB version lacks one of them.
    /// </summary>
    public static int? Allocated(LiteDatabase database)
    {
        const BindingFlags any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var engine = typeof(LiteDatabase).GetField("_engine", any)?.GetValue(database);
        var disk = engine?.GetType().GetField("_disk", any)?.GetValue(engine);
        var cache = disk?.GetType().GetProperty("Cache", any)?.GetValue(disk);
        return cache?.GetType().GetProperty("ExtendPages", any)?.GetValue(cache) as int?;
    }

    /// <summary>The segment sizes LiteDB uses now (empty when it has no such array).</summary>
    public static IReadOnlyList<int> Segments() =>
        typeof(LiteDatabase).Assembly.GetType("LiteDB.Constants")?.GetField("MEMORY_SEGMENT_SIZES", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as int[] ?? [];
}

internal sealed class LiteTransaction : IEngineTransaction
{
    private readonly LiteEngine _engine;
    private readonly bool _write;
    private bool _open = true;

    public LiteTransaction(LiteEngine engine, bool write)
    {
        _engine = engine;
        _write = write;
        if (write)
        {
            engine.Database.BeginTrans();
        }

        Files = new LiteFileStore(engine.Database, this);
    }

    public IFileStore Files { get; }

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

    public IDocumentTable<T> Table<T>(TableDefinition table)
        where T : class => new LiteDocumentTable<T>(_engine.Database.GetCollection<T>(table.Name), _engine.Mapper, _engine.Collation, table, this);

    public void NoteOutboxChange()
    {
    }

    public void Commit()
    {
        EnsureOpen();
        _open = false;
        if (_write)
        {
            _engine.Database.Commit();
        }
    }

    public void Rollback()
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        if (_write)
        {
            _engine.Database.Rollback();
        }
    }

    public void Dispose() => Rollback();
}
