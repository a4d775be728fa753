using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionBot.Reports.Evidence;
using OpinionBot.Sources;
using OpinionBot.Tests.Support;
using SkiaSharp;
using Xunit;

namespace OpinionBot.Tests.Reports.Evidence;

/// <summary>The installed Chromium capturing pages served on loopback: files, glyphs, the request guard and the caps.</summary>
public sealed class BrowserCaptureTests : IAsyncLifetime
{
    private const string Heading = "县医院乱收费引发关注";
    private TestSite _site = null!;
    private SafeFetcher _fetcher = null!;
    private PageBrowser _browser = null!;
    private PageCapture _capture = null!;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        // Only 127.0.0.1 is allowed: the test site is there, and every other private address stays refused.
        var fetching = Options.Create(new FetchingOptions { AllowList = ["127.0.0.1"], MinIntervalPerHost = TimeSpan.Zero });
        _fetcher = new SafeFetcher(fetching, TimeProvider.System);
        var options = Options.Create(new EvidenceOptions { PageTimeout = TimeSpan.FromSeconds(20), MaxScreenshotHeight = 3000 });
        _browser = new PageBrowser(options, _fetcher, fetching, NullLogger<PageBrowser>.Instance);
        _capture = new PageCapture(_browser, options, fetching, TimeProvider.System, NullLogger<PageCapture>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _fetcher.Dispose();
        await _site.DisposeAsync();
    }

    private static string Page(string heading, string extra = "") =>
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{heading}</title></head><body style=\"margin:0;background:#fff\">" +
        $"<h1 style=\"font-size:64px;margin:20px;color:#000\">{heading}</h1><article><p>患者反映县医院存在乱收费现象，院方至今没有答复。</p></article>" +
        $"<div id=\"late\"></div><script>document.getElementById('late').textContent = '脚本生成的段落：记者已联系院方';</script>{extra}</body></html>";

    [NeedsFact(NeedsFactAttribute.Browser, NeedsFactAttribute.CjkFont)]
    public async Task Capture_ChinesePage_KeepsRawTextScreenshotAndPdf()
    {
        var html = Page(Heading);
        _site.Set("/t/1", html, "text/html; charset=utf-8");

        var shot = await _capture.CaptureAsync(new Uri(_site.Url("/t/1")), CancellationToken.None);

        Assert.Equal(200, shot.Status);
        Assert.Equal(_site.Url("/t/1"), shot.FinalUrl);
        Assert.Equal(Encoding.UTF8.GetBytes(html), shot.Raw); // as served, before any script ran
        var evidence = shot.Evidence(null);
        Assert.Contains("脚本生成的段落", evidence.Text); // the text of the page as rendered
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, evidence.Screenshot![..4]);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(evidence.Pdf!, 0, 4));
    }

    [NeedsFact(NeedsFactAttribute.Browser)]
    public async Task Page_MayOpenNoWebSocketOrWorker_WhichTheRequestGuardCouldNotSee()
    {
        // Interception judges HTTP requests only; a WebSocket to 127.0.0.2 (refused: only 127.0.0.1 is allowed here) would pass it. The page is told no.
        const string Probe = "<script>const out = []; for (const make of [() => new WebSocket('ws://127.0.0.2:9/'), " +
                             "() => new Worker('data:text/javascript,1'), () => new EventSource('http://127.0.0.2:9/')]) " +
                             "{ try { make(); out.push('opened'); } catch (e) { out.push('refused'); } } " +
                             "document.getElementById('late').textContent = 'probe:' + out.join(',');</script>";
        _site.Set("/ws", Page(Heading, Probe), "text/html; charset=utf-8");

        var shot = await _capture.CaptureAsync(new Uri(_site.Url("/ws")), CancellationToken.None);

        Assert.Contains("probe:refused,refused,refused", shot.Evidence(null).Text);
    }

    [NeedsFact(NeedsFactAttribute.Browser, NeedsFactAttribute.CjkFont)]
    public async Task Screenshot_ChineseHeading_HasRealGlyphs_NotEmptyBoxes()
    {
        // Without a CJK font every character is the same empty box, so two different headings of the same length look
        // alike, and like a heading of □ (U+25A1). With real glyphs each heading has its own strokes.
        const string Other = "教育局回应家长关切问题";
        _site.Set("/zh", Page(Heading), "text/html; charset=utf-8");
        _site.Set("/zh2", Page(Other[..Heading.Length]), "text/html; charset=utf-8");
        _site.Set("/boxes", Page(new string('\u25A1', Heading.Length)), "text/html; charset=utf-8");

        using var chinese = await ShotAsync("/zh");
        using var other = await ShotAsync("/zh2");
        using var boxes = await ShotAsync("/boxes");

        var ink = Band(chinese, chinese, (a, _) => a.Red < 128);
        Assert.True(ink > 3000, $"ink in the Chinese heading: {ink} pixels");
        var fromOther = Band(chinese, other, (a, b) => Math.Abs(a.Red - b.Red) > 100);
        Assert.True(fromOther > ink / 2, $"pixels where two different Chinese headings differ: {fromOther} of {ink} inked");
        var fromBoxes = Band(chinese, boxes, (a, b) => Math.Abs(a.Red - b.Red) > 100);
        Assert.True(fromBoxes > ink / 2, $"pixels that differ from a heading of □: {fromBoxes} of {ink} inked");
    }

    private async Task<SKBitmap> ShotAsync(string path) =>
        SKBitmap.Decode((await _capture.CaptureAsync(new Uri(_site.Url(path)), CancellationToken.None)).Screenshot);

    /// <summary>Counts the pixels of the heading band (20 px margin, 64 px type) where the condition holds.</summary>
    private static int Band(SKBitmap a, SKBitmap b, Func<SKColor, SKColor, bool> condition)
    {
        var count = 0;
        for (var y = 20; y < 110; y++)
        {
            for (var x = 0; x < Math.Min(a.Width, b.Width); x++)
            {
                count += condition(a.GetPixel(x, y), b.GetPixel(x, y)) ? 1 : 0;
            }
        }

        return count;
    }

    [NeedsFact(NeedsFactAttribute.Browser)]
    public async Task SubRequests_ToAnotherPrivateAddress_AreRefused_WhileTheAllowedOnesLoad()
    {
        _site.Set("/ok.css", "h1 { color: #000 }", "text/css");
        var port = new Uri(_site.BaseUrl).Port;
        var page = Page(Heading, $"<link rel=\"stylesheet\" href=\"/ok.css\"><img src=\"http://127.0.0.2:{port}/secret.png\">" +
            $"<script>fetch('http://127.0.0.3:{port}/api').catch(() => 0)</script>");
        _site.Set("/guarded", page, "text/html; charset=utf-8");

        var shot = await _capture.CaptureAsync(new Uri(_site.Url("/guarded")), CancellationToken.None);

        Assert.Equal(1, _site.RequestCount("/ok.css"));
        Assert.Contains(shot.Blocked, u => u.StartsWith("http://127.0.0.2:", StringComparison.Ordinal));
        Assert.Contains(shot.Blocked, u => u.StartsWith("http://127.0.0.3:", StringComparison.Ordinal));
    }

    [NeedsFact(NeedsFactAttribute.Browser)]
    public async Task Page_OnAPrivateAddressNotAllowed_IsRefusedBeforeLoading()
    {
        var port = new Uri(_site.BaseUrl).Port;

        var refused = await Assert.ThrowsAsync<FetchException>(() => _capture.CaptureAsync(new Uri($"http://127.0.0.2:{port}/t/1"), CancellationToken.None));

        Assert.Equal(FetchFailureKind.Blocked, refused.Kind);
    }

    [NeedsFact(NeedsFactAttribute.Browser)]
    public async Task LongPage_ScreenshotStopsAtTheMaximumHeight()
    {
        _site.Set("/long", Page(Heading, "<div style=\"height:20000px;background:linear-gradient(#fff,#ccc)\"></div>"), "text/html; charset=utf-8");

        var shot = await _capture.CaptureAsync(new Uri(_site.Url("/long")), CancellationToken.None);

        Assert.True(ImageSize.TryRead(shot.Screenshot, out var size));
        Assert.Equal(3000, size.Height);
    }

    [NeedsFact(NeedsFactAttribute.Browser)]
    public async Task Page_ThatNeverFinishes_IsCutAtThePageTimeout()
    {
        _site.Map("/hang", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>慢", context.RequestAborted);
            await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted);
        });
        var options = Options.Create(new EvidenceOptions { PageTimeout = TimeSpan.FromSeconds(3) });
        var fetching = Options.Create(new FetchingOptions { AllowList = ["127.0.0.1"] });
        await using var quick = new PageBrowser(options, _fetcher, fetching, NullLogger<PageBrowser>.Instance);

        var failed = await Assert.ThrowsAnyAsync<Exception>(() => quick.RenderAsync(new Uri(_site.Url("/hang")), CancellationToken.None));

        Assert.True(failed is FetchException { Kind: FetchFailureKind.Timeout or FetchFailureKind.Network }, failed.ToString());
    }

    [NeedsFact(NeedsFactAttribute.Browser)]
    public async Task Render_ManyAtOnce_NeverOpensMoreThanTwoPages()
    {
        var (open, most) = (0, 0);
        var gate = new object();
        _site.Map("/slow", async context =>
        {
            lock (gate)
            {
                most = Math.Max(most, ++open);
            }

            try
            {
                await Task.Delay(300, context.RequestAborted);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<html><body><ul><li><a href=\"/a\">新闻</a></li></ul></body></html>", context.RequestAborted);
            }
            finally
            {
                lock (gate)
                {
                    open--;
                }
            }
        });

        var pages = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _browser.RenderAsync(new Uri(_site.Url($"/slow?n={i}")), CancellationToken.None)));

        Assert.All(pages, p => Assert.Contains("新闻", p.Html));
        Assert.InRange(most, 1, 2);
    }

    [Fact]
    public async Task WithoutABrowser_ItIsNotAvailable_AndTheStartSaysSoOnce()
    {
        var options = Options.Create(new EvidenceOptions { BrowserPath = "/nonexistent/chromium" });
        await using var none = new PageBrowser(options, _fetcher, Options.Create(new FetchingOptions()), NullLogger<PageBrowser>.Instance);
        var log = new CollectingLogger<BrowserNotice>();

        await new BrowserNotice(none, log).StartAsync(CancellationToken.None);

        Assert.False(none.Available);
        Assert.Contains("without screenshots or PDF prints", Assert.Single(log.Messages));
    }
}
