using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Reports.Evidence;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Reports.Evidence;

/// <summary>
/// The evidence backup and a browser-read source with the real Chromium: every appearance captured and numbered, and
/// a JavaScript-built list page read with the same selectors a plain page uses.
/// </summary>
public sealed class BrowserEvidenceTests : IAsyncLifetime
{
    private const string Article = "<!doctype html><html><head><meta charset=\"utf-8\"></head><body><h1>县医院乱收费</h1>" +
        "<article><p>患者反映县医院存在乱收费现象，一次普通门诊被收取了高额检查费用，院方至今没有答复。</p></article></body></html>";

    private readonly string _folder = Directory.CreateTempSubdirectory("browser-evidence-").FullName;
    private TestSite _site = null!;
    private OpinionDatabase _db = null!;
    private SafeFetcher _fetcher = null!;
    private PageBrowser _browser = null!;
    private EvidenceStore _store = null!;
    private EvidenceBackup _backup = null!;
    private IOptions<FetchingOptions> _fetching = null!;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        _db = TestDatabases.Open(Path.Combine(_folder, "bot.db"));
        _fetching = Options.Create(new FetchingOptions { AllowList = ["127.0.0.1"], MinIntervalPerHost = TimeSpan.Zero });
        _fetcher = new SafeFetcher(_fetching, TimeProvider.System);
        var options = Options.Create(new EvidenceOptions());
        _browser = new PageBrowser(options, _fetcher, _fetching, NullLogger<PageBrowser>.Instance);
        _store = new EvidenceStore(_db, Options.Create(new ReportsOptions { EvidenceCategories = { ["医院投诉"] = "YL" } }), TimeProvider.System);
        var capture = new PageCapture(_browser, options, _fetching, TimeProvider.System, NullLogger<PageCapture>.Instance);
        _backup = new EvidenceBackup(_db, _store, _fetcher, new SourceCatalog(_db, new FixedMonitor(new MonitoringOptions()), TimeProvider.System),
            TimeProvider.System, NullLogger<EvidenceBackup>.Instance, capture);
    }

    public async Task DisposeAsync()
    {
        _backup.Dispose();
        await _browser.DisposeAsync();
        _fetcher.Dispose();
        _db.Dispose();
        await _site.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [NeedsFact(NeedsFactAttribute.Browser)]
    public async Task EveryAppearance_IsCapturedWithScreenshotAndPdf_NumberedInTurn()
    {
        foreach (var path in new[] { "/t/1", "/t/2", "/t/3" })
        {
            _site.Set(path, Article, "text/html; charset=utf-8");
        }

        var incident = new Incident
        {
            Number = "2026-0042",
            Title = "县医院乱收费",
            Url = _site.Url("/t/1"),
            SourceName = "县新闻",
            Topics = ["医院投诉"],
            Discovered = DateTimeOffset.UtcNow,
            Appearances = [new Appearance { Url = _site.Url("/t/1"), SourceName = "县新闻", Discovered = DateTimeOffset.UtcNow }],
        };
        _db.Write(s => s.Incidents.Open(incident));
        Assert.Equal(1, await _backup.CaptureNewAsync([], CancellationToken.None));

        // Two reposts of the story join the incident later: each is evidence of its own.
        _db.Write(_ =>
        {
            var stored = _db.Incident(incident.Id);
            stored.Appearances.Add(new Appearance { Url = _site.Url("/t/2"), SourceName = "县论坛", Discovered = DateTimeOffset.UtcNow });
            stored.Appearances.Add(new Appearance { Url = _site.Url("/t/3"), SourceName = "贴吧", Discovered = DateTimeOffset.UtcNow });
            _db.Write(s => s.Incidents.Save(stored));
            return 0;
        });
        Assert.Equal(2, await _backup.CaptureNewAsync([], CancellationToken.None));
        Assert.Equal(0, await _backup.CaptureNewAsync([], CancellationToken.None));

        var records = _store.List(incident.Number);
        Assert.Equal(["YL-2026-0042-01", "YL-2026-0042-02", "YL-2026-0042-03"], records.Select(r => r.Id));
        Assert.Equal([_site.Url("/t/1"), _site.Url("/t/2"), _site.Url("/t/3")], records.Select(r => r.Url));
        foreach (var record in records)
        {
            Assert.Equal(200, record.HttpStatus);
            var parts = _store.Parts(record);
            Assert.Equal([EvidencePartKind.Raw, EvidencePartKind.Text, EvidencePartKind.Screenshot, EvidencePartKind.Pdf], parts.Select(p => p.Kind));
            Assert.All(parts, p => Assert.Equal(EvidenceStore.Hash(p.File.Content), p.RecordedSha256));
            Assert.Contains("患者反映县医院存在乱收费现象", _store.ReadText(record));
            Assert.True(_store.Verify(record).Intact);
        }
    }

    [NeedsFact(NeedsFactAttribute.Browser)]
    public async Task TamperedScreenshot_FailsVerification()
    {
        _site.Set("/t/9", Article, "text/html; charset=utf-8");
        var incident = new Incident { Number = "2026-0009", Title = "县医院乱收费", Url = _site.Url("/t/9"), Topics = ["医院投诉"], Discovered = DateTimeOffset.UtcNow };
        _db.Write(s => s.Incidents.Open(incident));
        await _backup.CaptureNewAsync([], CancellationToken.None);
        var record = Assert.Single(_store.List(incident.Number));

        _db.Write(s =>
        {
            s.Files.Delete(record.ScreenshotFileId!);
            s.Files.Upload(record.ScreenshotFileId!, "x.png", [1, 2, 3]);
        });

        Assert.False(_store.Verify(record).Intact);
    }

    [NeedsFact(NeedsFactAttribute.Browser)]
    public async Task BrowserSource_ReadsTheListAScriptBuilds_PlainHttpSeesNothing()
    {
        _site.Set("/list", "<!doctype html><html><head><meta charset=\"utf-8\"></head><body><ul id=\"news\"></ul><script>" +
            "const items = [['/n/1','县医院乱收费引发关注','2026-11-30 09:00'],['/n/2','县教育局回应家长关切','2026-11-30 10:00']];" +
            "for (const [href, title, time] of items) { const li = document.createElement('li'); li.className = 'item';" +
            "li.innerHTML = `<a href=\"${href}\">${title}</a><span class=\"time\">${time}</span>`; document.getElementById('news').appendChild(li); }" +
            "</script></body></html>", "text/html; charset=utf-8");
        var source = new SourceDefinition
        {
            Name = "县政府网",
            Kind = SourceKinds.Html,
            Url = _site.Url("/list"),
            Fetch = FetchModes.Browser,
            Selectors = new SourceSelectors { Item = "li.item", Title = "a", Link = "a", Time = ".time" },
        };

        var rendered = await Reader(_browser).ReadAsync(source, [], CancellationToken.None);
        source.Fetch = FetchModes.Http;
        var plain = await Reader(_browser).ReadAsync(source, [], CancellationToken.None);

        Assert.Equal(["县医院乱收费引发关注", "县教育局回应家长关切"], rendered.Items.Select(i => i.Title));
        Assert.Equal(_site.Url("/n/1"), rendered.Items[0].Url);
        Assert.True(plain.SelectorsFoundNothing);
    }

    [Fact]
    public async Task BrowserSource_WithoutABrowser_FailsWithAReasonTheHealthNoticeCanShow()
    {
        var source = new SourceDefinition { Name = "县政府网", Kind = SourceKinds.Html, Url = _site.Url("/list"), Fetch = FetchModes.Browser, Selectors = new SourceSelectors { Item = "li" } };
        await using var none = new PageBrowser(Options.Create(new EvidenceOptions { Browser = false }), _fetcher, _fetching, NullLogger<PageBrowser>.Instance);

        var failure = await Assert.ThrowsAsync<FetchException>(() => Reader(none).ReadAsync(source, [], CancellationToken.None));

        Assert.Contains("no browser is installed", failure.Message);
        Assert.Equal(0, _site.RequestCount("/list"));
    }

    [Theory]
    [InlineData("browser", true, "browser")]
    [InlineData("HTTP", true, "http")]
    [InlineData("chrome", false, "http")]
    public void FetchField_FromTheChat_TakesHttpOrBrowserOnly(string value, bool accepted, string stored)
    {
        var source = new SourceDefinition();

        Assert.Equal(accepted, SourceFields.Apply(source, "fetch", value));
        Assert.Equal(stored, source.Fetch);
    }

    private SourceReader Reader(PageBrowser browser) =>
        new(_fetcher, _fetching, TimeProvider.System, NullLogger<SourceReader>.Instance, renderer: browser);

    private sealed class FixedMonitor(MonitoringOptions value) : IOptionsMonitor<MonitoringOptions>
    {
        public MonitoringOptions CurrentValue => value;
        public MonitoringOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<MonitoringOptions, string?> listener) => null;
    }
}
