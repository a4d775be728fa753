using OpinionBot.Incidents;
using OpinionBot.Storage;
using OpinionBot.Storage.LiteDb;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>The store contract on LiteDB: a new file per test in a temp folder.</summary>
public sealed class LiteDbStoreTests : StoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-store-").FullName;

    protected override IStorageEngine CreateEngine() => new LiteEngine(Path.Combine(_folder, "test.db"));

    protected override IStorageEngine? CreateSecondEngine() => null;

    [Fact]
    public void LookingUpManyDistinctValues_CompilesOneExpressionPerField_NotOnePerValue()
    {
        // LiteDB compiles each distinct expression text once and keeps it for the life of the process; a lookup that wrote
        // its value into the text (Query.EQ) left a compiled delegate behind for every incident, URL or chat looked up.
        var db = Open();
        db.Write(s => s.Table<Probe>(Probes).Insert(new Probe { Name = "kept" }));
        var before = CompiledExpressions();
        for (var i = 0; i < 200; i++)
        {
            var name = $"name-{i}";
            Assert.Empty(db.Read(s => s.Table<Probe>(Probes).Where("Name", name)));
            Assert.Equal(0, db.Read(s => s.Table<Probe>(Probes).Count("Name", name)));
        }

        Assert.Equal("kept", Assert.Single(db.Read(s => s.Table<Probe>(Probes).Where("Name", "kept"))).Name);
        // 400 lookups of 200 values: a few texts at most (the cache is process-wide: tests running alongside add theirs).
        Assert.InRange(CompiledExpressions() - before, 0, 50);
    }

    [Fact]
    public void LiteDbPageCache_GrowsInSegmentsOfAtMostAHundredPages()
    {
        using var engine = CreateEngine();
        var segments = PageCache.Segments();
        Assert.NotEmpty(segments); // a LiteDB without the array would silently keep its 8 MB segments: look again
        Assert.All(segments, size => Assert.InRange(size, 1, PageCache.MaxSegment));
    }

    [Fact]
    public void ListingTheWatchedIncidents_OfThousandsOpen_DoesNotGrowLiteDbsPageCache()
    {
        // The deadline watch lists the watched incidents every minute. Read from the incidents' status index, the list
        // loaded every open incident whole in one read, which holds each page it touched until it ends, and LiteDB's page
        // cache keeps whatever size it reached: at 6,000 open incidents the worker kept 40 MB for it (bench/README.md).
        var path = Path.Combine(_folder, "watched.db");
        var title = string.Concat(Enumerable.Repeat("县医院排队挂号难群众反映强烈", 60)); // ~2.5 KB a document
        using (var db = new OpinionDatabase(new LiteEngine(path)))
        {
            for (var batch = 0; batch < 10; batch++)
            {
                db.Write(s =>
                {
                    for (var n = 1; n <= 200; n++)
                    {
                        s.Incidents.Open(new Incident { Number = $"2026-{batch * 200 + n:0000}", Title = title, Status = IncidentStatus.New, Discovered = DateTimeOffset.UnixEpoch });
                    }
                });
            }
        }

        using var reopened = new OpinionDatabase(new LiteEngine(path));
        var before = reopened.CachedPages;
        Assert.NotNull(before); // a LiteDB whose cache cannot be read: look again at LiteEngine.CachedPages

        Assert.Equal(2000, reopened.Read(s => s.Incidents.WatchedIds()).Count);

        // The 2,000 incidents fill some 700 pages; their register a few dozen.
        Assert.InRange(reopened.CachedPages!.Value - before!.Value, 0, 150);
        Assert.InRange(reopened.Read(s => s.Incidents.OpenIncidents()).Count, 2000, 2000);
        Assert.True(reopened.CachedPages > before + 600, $"reading them whole does fill the cache: {before} → {reopened.CachedPages} pages");
    }

    [Fact]
    public void TheWorkersDatabase_OpensAFileFromBeforeTheRegister_WithItsUnclosedIncidentsListed()
    {
        var path = Path.Combine(_folder, "earlier.db");
        using (var engine = new LiteEngine(path))
        {
            // As an earlier version stored them: the incidents alone.
            var incidents = engine.Database.GetCollection(Tables.Incidents.Name);
            incidents.Insert(engine.Mapper.ToDocument(new Incident { Id = 7, Number = "2025-0007", Title = "旧", Status = IncidentStatus.Claimed }));
            incidents.Insert(engine.Mapper.ToDocument(new Incident { Id = 8, Number = "2025-0008", Title = "旧", Status = IncidentStatus.Closed }));
        }

        using var db = StorageEngines.OpenDatabase(new StorageOptions { Path = path });
        Assert.Equal([7L], db.Read(s => s.Incidents.WatchedIds()));
    }

    [Fact]
    public void Files_AreWrittenInLiteDbsOwnFormat_SoItsFileStorageReadsThem_AndOlderFilesAreReplacedWhole()
    {
        using var engine = new LiteEngine(Path.Combine(_folder, "files.db"));
        var big = new byte[600_000];
        new Random(7).NextBytes(big);
        Write(engine, files => files.Upload("evidence/1/raw", "1.html", big, new Dictionary<string, string> { ["hash"] = "ab" }));

        // LiteDB's own reader: three chunks of 255 KB at most, the length and metadata where it looks for them.
        using (var read = new MemoryStream())
        {
            var info = engine.Database.FileStorage.Download("evidence/1/raw", read);
            Assert.Equal(big, read.ToArray());
            Assert.Equal((600_000, 3, "1.html", "text/html", "ab"), (info.Length, info.Chunks, info.Filename, info.MimeType, info.Metadata["hash"].AsString));
        }

        // A file LiteDB wrote itself (an older database) is replaced whole: no chunk of it is left behind.
        engine.Database.FileStorage.Upload("documents/2", "2.pdf", new MemoryStream(big));
        Write(engine, files => files.Upload("documents/2", "2.pdf", new byte[] { 1, 2, 3 }));
        Write(engine, files => files.Upload("evidence/1/raw", "1.html", new byte[] { 9 }));
        Assert.Equal([1, 2, 3], Read(engine, files => files.Download("documents/2")));
        Assert.Equal([9], Read(engine, files => files.Download("evidence/1/raw")));
        Assert.Equal(2, engine.Database.GetCollection("_chunks").Count());
        Assert.Equal("ab", engine.Database.FileStorage.FindById("evidence/1/raw").Metadata["hash"].AsString); // kept, as LiteDB does

        Write(engine, files => files.Upload("empty", "empty.txt", []));
        Assert.Equal([], Read(engine, files => files.Download("empty"))!);
    }

    [Fact]
    public void Files_AnEvidencePageIsStoredWithoutLiteDbsQuarterMegabyteBuffers()
    {
        // LiteDB's FileStorage.Upload took two 255 KB buffers (large-object heap) for every file, however small: at a few
        // thousand evidence pages a minute that was the steady load's largest memory churn (bench/README.md, Steady phase).
        using var engine = new LiteEngine(Path.Combine(_folder, "alloc.db"));
        var page = new byte[25_000];
        Write(engine, files => files.Upload("warm", "warm.html", page)); // first use: LiteDB's own set-up
        var before = GC.GetAllocatedBytesForCurrentThread();
        Write(engine, files => files.Upload("evidence/2/raw", "2.html", page, new Dictionary<string, string> { ["hash"] = "cd" }));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, page.Length, 200_000); // was 560 KB
        Assert.Equal(page, Read(engine, files => files.Download("evidence/2/raw")));
    }

    // A transaction on this thread, as OpinionDatabase runs one (LiteDB binds a transaction to its thread).
    private static void Write(LiteEngine engine, Action<IFileStore> write)
    {
        var transaction = new LiteTransaction(engine, write: true);
        write(transaction.Files);
        transaction.Commit();
    }

    private static T Read<T>(LiteEngine engine, Func<IFileStore, T> read)
    {
        var transaction = new LiteTransaction(engine, write: false);
        var result = read(transaction.Files);
        transaction.Commit();
        return result;
    }

    // LiteDB's process-wide cache of compiled scalar expressions (BsonExpression._cacheScalar in LiteDB 5).
    private static int CompiledExpressions()
    {
        var field = typeof(LiteDB.BsonExpression).GetField("_cacheScalar", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);
        Assert.NotNull(field);
        return ((System.Collections.ICollection)field.GetValue(null)!).Count;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Directory.Delete(_folder, recursive: true);
    }
}
