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
