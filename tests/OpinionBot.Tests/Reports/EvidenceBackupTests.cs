using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Reports;

/// <summary>Evidence of new incidents, fetched from a test site on loopback through the real SafeFetcher into LiteDB.</summary>
public sealed class EvidenceBackupTests : IAsyncLifetime
{
    private const string Article = "<html><head><title>县医院乱收费</title></head><body><nav>首页 | 新闻</nav>" +
        "<article><p>患者反映县医院存在乱收费现象，一次普通门诊被收取了高额检查费用，院方至今没有答复。</p></article></body></html>";

    private static readonly ReportsOptions Settings = new() { EvidenceCategories = { ["医院投诉"] = "YL" } };
    private readonly string _folder = Directory.CreateTempSubdirectory("evidence-backup-").FullName;
    private TestSite _site = null!;
    private OpinionDatabase _db = null!;
    private SafeFetcher _fetcher = null!;
    private EvidenceBackup _backup = null!;
    private EvidenceStore _store = null!;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        _db = TestDatabases.Open(Path.Combine(_folder, "bot.db"));
        _fetcher = new SafeFetcher(Options.Create(new FetchingOptions { AllowList = ["127.0.0.0/8"], MinIntervalPerHost = TimeSpan.Zero, MaxConcurrencyPerHost = 8 }), TimeProvider.System);
        _store = new EvidenceStore(_db, Options.Create(Settings), TimeProvider.System);
        _backup = new EvidenceBackup(_db, _store, _fetcher, new SourceCatalog(_db, new FixedMonitor(new MonitoringOptions()), TimeProvider.System), TimeProvider.System,
            NullLogger<EvidenceBackup>.Instance);
    }

    public async Task DisposeAsync()
    {
        _backup.Dispose();
        _fetcher.Dispose();
        _db.Dispose();
        await _site.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task CaptureNew_PageServed_SavesBytesTextStatusAndHash_NumberedByCategory_Once()
    {
        _site.Set("/t/42", Article, "text/html; charset=utf-8");
        var incident = Insert("2026-0042", _site.Url("/t/42"));

        Assert.Equal(1, await _backup.CaptureNewAsync([], CancellationToken.None));
        Assert.Equal(0, await _backup.CaptureNewAsync([], CancellationToken.None));

        var record = Assert.Single(_store.List(incident.Number));
        Assert.Equal("YL-2026-0042-01", record.Id);
        Assert.Equal(_site.Url("/t/42"), record.Url);
        Assert.Equal(200, record.HttpStatus);
        Assert.Null(record.Error);
        Assert.Equal("text/html; charset=utf-8", record.ContentType);
        var served = Encoding.UTF8.GetBytes(Article);
        Assert.Equal(served, _store.ReadRaw(record));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(served)), record.Sha256);
        Assert.Contains("患者反映县医院存在乱收费现象", _store.ReadText(record));
        Assert.DoesNotContain("首页", _store.ReadText(record));
        Assert.True(_store.Verify(record).Intact);
        Assert.Equal(1, _site.RequestCount("/t/42"));
    }

    [Fact]
    public async Task CaptureNew_PageMissing_SavesWhatTheSourceListed_WithStatusZeroAndTheError()
    {
        var url = _site.Url("/t/gone");
        var incident = Insert("2026-0007", url, topics: ["别的话题"]);
        SourceItem[] listed = [new(url, "县医院乱收费", "患者反映县医院乱收费。", null)];

        Assert.Equal(1, await _backup.CaptureNewAsync(listed, CancellationToken.None));

        var record = Assert.Single(_store.List(incident.Number));
        Assert.Equal("QT-2026-0007-01", record.Id);
        Assert.Equal(0, record.HttpStatus);
        Assert.Contains("404", record.Error);
        Assert.Equal("县医院乱收费\n\n患者反映县医院乱收费。", _store.ReadText(record));
        Assert.Equal(EvidenceStore.Hash(Encoding.UTF8.GetBytes(_store.ReadText(record))), record.Sha256);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task CaptureNew_AddressNotToBeFetched_IsRefused_AndTheTitleIsKept(string url)
    {
        var incident = Insert("2026-0009", url);

        await _backup.CaptureNewAsync([], CancellationToken.None);

        var record = Assert.Single(_store.List(incident.Number));
        Assert.Equal(0, record.HttpStatus);
        Assert.False(string.IsNullOrEmpty(record.Error));
        Assert.Equal(incident.Title, _store.ReadText(record));
    }

    [Fact]
    public async Task CaptureNew_IncidentFromBeforeTheBackupExisted_IsSkipped_AndLaterOnesStillCaptured()
    {
        _site.Set("/t/new", Article, "text/html; charset=utf-8");
        var old = Insert("2026-0001", _site.Url("/t/old"), discovered: DateTimeOffset.UtcNow.AddDays(-3));
        var fresh = Insert("2026-0002", _site.Url("/t/new"));

        Assert.Equal(1, await _backup.CaptureNewAsync([], CancellationToken.None));

        Assert.Empty(_store.List(old.Number));
        Assert.Single(_store.List(fresh.Number));
        Assert.Equal(0, _site.RequestCount("/t/old"));
        Assert.Equal(fresh.Id, _db.Read(s => s.Counters.Get(EvidenceBackup.CursorKey)));
    }

    [Fact]
    public async Task CaptureNew_ABurstOfIncidents_IsFetchedFourAtATime_AndEachSavedOnce()
    {
        // Each page answers only once four requests are waiting (or after 5 s): one at a time would show 1 here. (The
        // fetcher here allows 8 per host; the worker's default politeness, 2 per host, caps one site's pages further.)
        var (inFlight, most) = (0, 0);
        var gate = new object();
        for (var n = 1; n <= 8; n++)
        {
            _site.Map($"/burst/{n}", async context =>
            {
                int now;
                lock (gate)
                {
                    now = ++inFlight;
                    most = Math.Max(most, now);
                }

                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (Volatile.Read(ref inFlight) < 4 && Volatile.Read(ref most) < 4 && waited.Elapsed < TimeSpan.FromSeconds(5))
                {
                    await Task.Delay(10);
                }

                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Article);
                lock (gate)
                {
                    inFlight--;
                }
            });
        }

        var incidents = Enumerable.Range(1, 8).Select(n => Insert($"2026-{n:0000}", _site.Url($"/burst/{n}"))).ToList();

        Assert.Equal(8, await _backup.CaptureNewAsync([], CancellationToken.None));

        Assert.Equal(4, most); // the default Evidence:Parallel, and never more
        Assert.All(incidents, i => Assert.Single(_store.List(i.Number)));
        Assert.Equal(incidents[^1].Id, _db.Read(s => s.Counters.Get(EvidenceBackup.CursorKey)));
        Assert.Equal(0, await _backup.CaptureNewAsync([], CancellationToken.None));
    }

    private Incident Insert(string number, string url, List<string>? topics = null, DateTimeOffset? discovered = null)
    {
        var incident = new Incident
        {
            Number = number,
            Title = "县医院乱收费",
            Url = url,
            SourceName = "县新闻",
            Topics = topics ?? ["医院投诉"],
            Discovered = discovered ?? DateTimeOffset.UtcNow,
        };
        _db.Write(s => s.Incidents.Open(incident));
        return incident;
    }

    private sealed class FixedMonitor(MonitoringOptions value) : IOptionsMonitor<MonitoringOptions>
    {
        public MonitoringOptions CurrentValue => value;
        public MonitoringOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<MonitoringOptions, string?> listener) => null;
    }
}
