using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Reports;

public sealed class EvidenceStoreTests : IDisposable
{
    private static readonly ReportsOptions Settings = new() { EvidenceCategories = { ["信访"] = "XJ", ["医院投诉"] = "YL" } };
    private readonly string _folder = Directory.CreateTempSubdirectory("evidence-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-02T09:05:00+08:00"));

    private readonly Incident _incident = new() { Number = "2026-0042", Topics = ["其他话题", "信访"] };
    private static readonly byte[] Page = Encoding.UTF8.GetBytes("<html><body>某医院乱收费</body></html>");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private OpinionDatabase Open() => TestDatabases.Open(Path.Combine(_folder, "bot.db"));

    private EvidenceStore Store(OpinionDatabase db) => new(db, Options.Create(Settings), _time);

    [Fact]
    public void Save_TwoCapturesOfTheSamePage_GetConsecutiveNumbersAndKeepBoth()
    {
        using var db = Open();
        var store = Store(db);

        var first = store.Save(_incident, new EvidenceCapture("https://bbs.example.invalid/t/1", Page, "某医院乱收费", 200, "text/html; charset=utf-8"));
        _time.Advance(TimeSpan.FromHours(1));
        var second = store.Save(_incident, new EvidenceCapture("https://bbs.example.invalid/t/1", [.. Page, .. "!"u8], "某医院乱收费!", 200, "text/html"));

        Assert.Equal("XJ-2026-0042-01", first.Id);
        Assert.Equal("XJ-2026-0042-02", second.Id);
        Assert.Equal(["XJ-2026-0042-01", "XJ-2026-0042-02"], store.Numbers(_incident));
        Assert.Equal(Page, store.ReadRaw(store.Find("XJ-2026-0042-01")!));
        Assert.Equal(DateTimeOffset.Parse("2026-03-02T10:05:00+08:00"), store.Find("XJ-2026-0042-02")!.CapturedAt);
    }

    [Fact]
    public void Save_ThenReopen_ReadsBackBytesTextStatusAndVerifiesHashes()
    {
        using (var db = Open())
        {
            Store(db).Save(_incident, new EvidenceCapture("https://bbs.example.invalid/t/1", Page, "某医院乱收费", 404, "text/html"));
        }

        using var reopened = Open();
        var store = Store(reopened);
        var record = Assert.Single(store.List("2026-0042"));

        Assert.Equal((404, "https://bbs.example.invalid/t/1", (long)Page.Length), (record.HttpStatus, record.Url, record.Length));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Page)), record.Sha256);
        Assert.Equal("某医院乱收费", store.ReadText(record));
        Assert.True(store.Verify(record).Intact);
        Assert.Equal(["XJ-2026-0042-01.html", "XJ-2026-0042-01.txt"], store.Files("2026-0042").Select(f => f.FileName));
    }

    [Fact]
    public void Verify_StoredBytesChanged_ReportsTampering()
    {
        using var db = Open();
        var store = Store(db);
        var record = store.Save(_incident, new EvidenceCapture("https://bbs.example.invalid/t/1", Page, "text", 200, "text/html"));

        db.Write(s => s.Files.Upload(record.RawFileId, "forged.html", "forged"u8));

        var check = store.Verify(record);
        Assert.False(check.RawIntact);
        Assert.True(check.TextIntact);
    }

    [Fact]
    public void Save_NumberAlreadyTaken_RefusesToOverwrite()
    {
        using var db = Open();
        var store = Store(db);
        store.Save(_incident, new EvidenceCapture("https://bbs.example.invalid/t/1", Page, "text", 200, "text/html"));
        db.Write(s => s.Counters.Set("evidence:2026-0042", 0)); // a counter set back by hand

        Assert.Throws<InvalidOperationException>(() =>
            store.Save(_incident, new EvidenceCapture("https://bbs.example.invalid/t/1", [1, 2, 3], "other", 200, "text/html")));
        Assert.Equal(Page, store.ReadRaw(Assert.Single(store.List("2026-0042"))));
    }

    [Theory]
    [InlineData(new[] { "医院投诉", "信访" }, "YL")]
    [InlineData(new[] { "未配置" }, "QT")]
    [InlineData(new string[0], "QT")]
    public void CategoryOf_Topics_FirstConfiguredCodeOrDefault(string[] topics, string expected)
    {
        using var db = Open();
        Assert.Equal(expected, Store(db).CategoryOf(new Incident { Topics = [.. topics] }));
    }
}
