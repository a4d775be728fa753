using System.Text;
using Microsoft.Extensions.Options;
using OpinionBot.Sources;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace OpinionBot.Reports.Evidence;

/// <summary>
/// One page captured through the browser as evidence: the raw response as it arrived, the text of the rendered page,
/// a full-page PNG screenshot (cut at <see cref="EvidenceOptions.MaxScreenshotHeight"/>) and an A4 PDF print, with
/// the final URL and HTTP status. Requests the page tried that the guard refused are logged.
/// </summary>
public sealed class PageCapture(PageBrowser browser, IOptions<EvidenceOptions> options, IOptions<FetchingOptions> fetching,
    TimeProvider time, ILogger<PageCapture> logger)
{
    public bool Available => browser.Available;

    /// <summary>The capture, or null when the browser could not load the page (the caller falls back to plain HTTP).</summary>
    public async Task<EvidenceCapture?> TryCaptureAsync(string address, string? contentSelector, CancellationToken cancellationToken)
    {
        try
        {
            var shot = await CaptureAsync(new Uri(address), cancellationToken);
            if (shot.Blocked.Count > 0)
            {
                logger.LogInformation("Capturing {Url}: {Count} requests to private addresses refused, e.g. {First}", address, shot.Blocked.Count, shot.Blocked[0]);
            }

            return shot.Evidence(contentSelector);
        }
        catch (FetchException ex) when (ex.Kind is FetchFailureKind.HttpStatus or FetchFailureKind.Blocked or FetchFailureKind.TooLarge)
        {
            throw; // the page answered (or may not be asked): plain HTTP would get the same
        }
        catch (Exception ex) when (ex is PuppeteerException or FetchException or InvalidOperationException or IOException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            logger.LogWarning("Browser capture of {Url} failed ({Error}); fetching it over HTTP instead", address, ex.Message);
            return null;
        }
    }

    public Task<BrowserCapture> CaptureAsync(Uri url, CancellationToken cancellationToken) =>
        browser.WithPageAsync(url, async (page, response, blocked) =>
        {
            var settings = options.Value;
            if ((int)response.Status >= 400)
            {
                throw new FetchException(FetchFailureKind.HttpStatus, $"{url.Host} answered HTTP {(int)response.Status}");
            }

            byte[] raw;
            try
            {
                raw = await response.BufferAsync();
            }
            catch (PuppeteerException)
            {
                raw = [];
            }

            if (raw.LongLength > fetching.Value.MaxResponseBytes)
            {
                throw new FetchException(FetchFailureKind.TooLarge, $"the page is larger than {fetching.Value.MaxResponseBytes} bytes");
            }

            var html = await page.GetContentAsync();
            var height = await page.EvaluateExpressionAsync<int>(
                "Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)");
            var screenshot = await page.ScreenshotDataAsync(height <= settings.MaxScreenshotHeight
                ? new ScreenshotOptions { Type = ScreenshotType.Png, FullPage = true }
                : new ScreenshotOptions
                {
                    Type = ScreenshotType.Png,
                    Clip = new Clip { X = 0, Y = 0, Width = settings.ViewportWidth, Height = settings.MaxScreenshotHeight },
                    CaptureBeyondViewport = true,
                });
            var pdf = await page.PdfDataAsync(new PdfOptions { Format = PaperFormat.A4, PrintBackground = true });
            var headers = response.Headers ?? new Dictionary<string, string>();
            var contentType = headers.FirstOrDefault(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)).Value ?? "text/html";
            return new BrowserCapture(url.AbsoluteUri, raw, contentType, (int)response.Status, response.Url, html, screenshot, pdf,
                time.GetUtcNow(), blocked());
        }, cancellationToken);
}

/// <summary>What the browser saw of one page.</summary>
public sealed record BrowserCapture(
    string Url, byte[] Raw, string ContentType, int Status, string FinalUrl, string RenderedHtml, byte[] Screenshot, byte[] Pdf,
    DateTimeOffset CapturedAt, IReadOnlyList<string> Blocked)
{
    /// <summary>As evidence: raw bytes as served (the rendered page when the response had no body), text from the rendered page.</summary>
    public EvidenceCapture Evidence(string? contentSelector)
    {
        var rendered = Encoding.UTF8.GetBytes(RenderedHtml);
        var raw = Raw.Length > 0 ? Raw : rendered;
        var text = EvidenceBackup.TextOfHtml(rendered, "utf-8", contentSelector);
        var contentType = Raw.Length > 0 ? ContentType : "text/html; charset=utf-8";
        return new EvidenceCapture(Url, raw, text, Status, contentType, CapturedAt, FinalUrl == Url ? null : FinalUrl)
        {
            Screenshot = Screenshot,
            Pdf = Pdf,
        };
    }
}
