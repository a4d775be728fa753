using OpinionBot.Duty;
using OpinionBot.Storage;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>
/// What every storage provider must do alike: the document table contract and the stores written on it. Each test runs
/// on LiteDB (<see cref="LiteDbStoreTests"/>) and PostgreSQL (<see cref="PostgresStoreTests"/>); a new store's tests are
/// added here as methods and run on both. <see cref="Open"/> gives an empty database (and skips on a missing PostgreSQL).
/// </summary>
public abstract partial class StoreContractTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    /// <summary>A new engine on an empty database.</summary>
    protected abstract IStorageEngine CreateEngine();

    /// <summary>A second engine on the same database (another process or node), or null when the provider has none.</summary>
    protected abstract IStorageEngine? CreateSecondEngine();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        foreach (var opened in Enumerable.Reverse(_opened))
        {
            opened.Dispose();
        }
    }

    protected OpinionDatabase Open()
    {
        var db = new OpinionDatabase(CreateEngine());
        _opened.Add(db);
        return db;
    }

    protected IStorageEngine OpenEngine()
    {
        var engine = CreateEngine();
        _opened.Add(engine);
        return engine;
    }

    // ----- Counters -----

    [SkippableFact]
    public void Counters_StartAtOne_AndKeepWhatIsSet()
    {
        var db = Open();
        Assert.Equal(1, db.Write(s => s.Counters.Next("incidents-2026")));
        Assert.Equal(2, db.Write(s => s.Counters.Next("incidents-2026")));
        Assert.Equal(1, db.Write(s => s.Counters.Next("documents")));
        Assert.Equal(0, db.Read(s => s.Counters.Get("update-id")));
        db.Write(s => s.Counters.Set("update-id", 9_000_000_001));
        Assert.Equal(9_000_000_001, db.Read(s => s.Counters.Get("update-id")));
        Assert.Equal(2, db.Read(s => s.Counters.Get("incidents-2026")));
    }

    // ----- Files -----

    [SkippableFact]
    public void Files_UploadDownloadListDelete_WithMetadata()
    {
        var db = Open();
        byte[] content = [0, 1, 2, 255, 0x89, (byte)'P'];
        db.Write(s => s.Files.Upload("evidence/2026-0001/a.png", "a.png", content, new Dictionary<string, string> { ["incident"] = "2026-0001", ["hash"] = "ab12" }));
        db.Write(s => s.Files.Upload("documents/7.docx", "通报 7.docx", new byte[70_000]));

        Assert.True(db.Read(s => s.Files.Exists("evidence/2026-0001/a.png")));
        Assert.False(db.Read(s => s.Files.Exists("missing")));
        Assert.Equal(content, db.Read(s => s.Files.Download("evidence/2026-0001/a.png")));
        Assert.Null(db.Read(s => s.Files.Download("missing")));
        Assert.Equal(70_000, db.Read(s => s.Files.Download("documents/7.docx"))!.Length);

        var files = db.Read(s => s.Files.List());
        Assert.Equal(["documents/7.docx", "evidence/2026-0001/a.png"], files.Select(f => f.Id));
        Assert.Equal("通报 7.docx", files[0].FileName);
        Assert.Equal("2026-0001", files[1].Metadata["incident"]);
        Assert.Equal("ab12", files[1].Metadata["hash"]);

        // Uploading again replaces the bytes and keeps the metadata.
        db.Write(s => s.Files.Upload("evidence/2026-0001/a.png", "a.png", new byte[] { 7 }));
        Assert.Equal([7], db.Read(s => s.Files.Download("evidence/2026-0001/a.png")));
        Assert.Equal("ab12", db.Read(s => s.Files.List())[1].Metadata["hash"]);

        Assert.True(db.Write(s => s.Files.Delete("documents/7.docx")));
        Assert.False(db.Write(s => s.Files.Delete("documents/7.docx")));
        Assert.Single(db.Read(s => s.Files.List()));
    }

    [SkippableFact]
    public void Files_WrittenInAFailedWrite_AreNotKept()
    {
        var db = Open();
        Assert.Throws<InvalidOperationException>(() => db.Write(s =>
        {
            s.Files.Upload("f", "f.bin", new byte[] { 1 });
            throw new InvalidOperationException("the record failed");
        }));
        Assert.False(db.Read(s => s.Files.Exists("f")));
    }

    // ----- Duty -----

    [SkippableFact]
    public void Duty_ShiftsAndRotation_RoundTripAndForgetOldShifts()
    {
        var db = Open();
        var day = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var first = new DutyShift { UserId = 1, Start = day, End = day.AddHours(8) };
        var second = new DutyShift { UserId = 2, Start = day.AddDays(1), End = day.AddDays(1).AddHours(8) };
        db.Write(s =>
        {
            s.Duty.AddShift(first);
            s.Duty.AddShift(second);
        });
        Assert.NotEqual(0, first.Id);
        Assert.NotEqual(first.Id, second.Id);

        second.UserId = 3;
        db.Write(s => s.Duty.SaveShift(second));
        var shifts = db.Read(s => s.Duty.Shifts()).OrderBy(x => x.Start).ToList();
        Assert.Equal([1L, 3L], shifts.Select(x => x.UserId));
        Assert.Equal(day.AddHours(8), shifts[0].End);

        db.Write(s => s.Duty.ForgetShiftsEndedBefore(day.AddHours(9)));
        Assert.Equal([3L], db.Read(s => s.Duty.Shifts()).Select(x => x.UserId));

        Assert.Null(db.Read(s => s.Duty.Rotation()));
        db.Write(s => s.Duty.SaveRotation(new DutyRotation { People = [5, 6, 7], Anchor = day, Days = 1 }));
        var rotation = db.Read(s => s.Duty.Rotation())!;
        Assert.Equal([5L, 6L, 7L], rotation.People);
        Assert.Equal(day, rotation.Anchor);
        Assert.Equal(1, rotation.Days);

        db.Write(s => s.Duty.Clear());
        Assert.Empty(db.Read(s => s.Duty.Shifts()));
        Assert.Null(db.Read(s => s.Duty.Rotation()));
    }

    // ----- Sessions -----

    [SkippableFact]
    public void ReadSession_RefusesChanges_AndTablesStopWorkingAfterTheSession()
    {
        var db = Open();
        Assert.Throws<InvalidOperationException>(() => db.Read(s => { s.Counters.Set("x", 1); return 0; }));
        var escaped = db.Write(s => s.Table<Probe>(Probes));
        Assert.Throws<InvalidOperationException>(() => escaped.Count());
    }

    [SkippableFact]
    public void FailedWrite_RollsBackEverything()
    {
        var db = Open();
        db.Write(s => s.Counters.Set("kept", 1));
        Assert.Throws<InvalidOperationException>(() => db.Write(s =>
        {
            s.Counters.Set("kept", 2);
            s.Table<Probe>(Probes).Insert(new Probe { Name = "lost" });
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal(1, db.Read(s => s.Counters.Get("kept")));
        Assert.Equal(0, db.Read(s => s.Table<Probe>(Probes).Count()));
    }

    [SkippableFact]
    public void Writes_FromTwoEnginesOnOneDatabase_AreSerialized()
    {
        var db = Open();
        if (CreateSecondEngine() is not { } second)
        {
            return; // One process per LiteDB file.
        }

        using var other = new OpinionDatabase(second);
        const int Each = 25;
        var tasks = new[] { db, other }.Select(d => Task.Run(() =>
        {
            for (var i = 0; i < Each; i++)
            {
                d.Write(s => s.Counters.Next("shared"));
            }
        })).ToArray();
        Task.WaitAll(tasks, TestContext.Timeout);
        Assert.Equal(2 * Each, db.Read(s => s.Counters.Get("shared")));
    }
}

internal static class TestContext
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
}
