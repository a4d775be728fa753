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
