using System.Text;
using Microsoft.Extensions.Options;
using OpinionBot.Incidents;
using OpinionBot.Sources;
using OpinionBot.Storage;

namespace OpinionBot.Reports;

/// <summary>
/// 证据备份: saves each page an incident appeared on (the first and every repost) as it was, right after the intake
/// that found it: through the browser (with screenshot and PDF print) when one is installed, else over HTTP. Runs
/// outside any transaction (fetching takes time), <c>Evidence:Parallel</c> pages at a time; a stored cursor (the last
/// incident id handled) moves past each batch once all of it is saved, so after a crash the next pass picks up where this
/// one stopped, and skips the pages of that batch already saved.
/// A page that cannot be fetched is still backed up, from what the source listed, with HTTP status 0 and the error.
/// Background work: a page's capture starts, and its write runs, only when no check is waiting for a CPU turn
/// (<see cref="CpuTurns.TakeBackgroundAsync"/>), and the browser runs at a lower priority (<c>Evidence:BrowserNice</c>).
/// </summary>
public sealed class EvidenceBackup(
    OpinionDatabase db,
    EvidenceStore store,
    SafeFetcher fetcher,
    SourceCatalog sources,
    TimeProvider time,
    ILogger<EvidenceBackup> logger,
    Evidence.PageCapture? pages = null,
    IOptions<Evidence.EvidenceOptions>? options = null,
    CpuTurns? turns = null) : IDisposable
{
    /// <summary>Counter: the id of the last incident whose evidence was handled.</summary>
    public const string CursorKey = "evidence-captured-through";

    // A page fetched later than this after discovery is not "as it was"; older incidents (e.g. from before an upgrade) are skipped.
    private static readonly TimeSpan Fresh = TimeSpan.FromDays(1);

    // Reposts of open and resolved (still watched) stories are captured; closed ones and false alarms are not.
    // Sources are checked in parallel; one pass at a time keeps each incident captured once.
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>
    /// Captures every incident opened since the last pass. <paramref name="listed"/> are the items the source just gave,
    /// used when a page cannot be fetched. Returns how many entries were saved.
    /// </summary>
    public Task<int> CaptureNewAsync(IReadOnlyList<SourceItem> listed, CancellationToken cancellationToken) =>
        CaptureNewAsync(() => listed, cancellationToken);

    /// <summary>
    /// The same, asking for what the sources listed only after reading the incidents: a check remembers its items before
    /// its write commits, so every incident this pass sees has its items in the list by then.
    /// </summary>
    public async Task<int> CaptureNewAsync(Func<IReadOnlyList<SourceItem>> listedNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listedNow);
        await _pass.WaitAsync(cancellationToken);
        try
        {
            // Ids first, each incident read when its turn comes: reading a cold round's thousand new incidents whole
            // held the storage lock, which every check's write needs, for half a second at a time.
            var cursor = db.Read(s => s.Counters.Get(CursorKey));
            var pending = db.Read(s => s.Incidents.IdsAfter(cursor));
            var open = db.Read(s => s.Incidents.WatchedIds()).Where(id => id <= cursor).ToList();
            var listed = listedNow();
            var saved = 0;
            var parallel = Math.Max(1, options?.Value.Parallel ?? 4);
            // A few at a time; the cursor moves past a batch once all of it is done. A crash mid-batch runs it again, and
            // the pages already saved are skipped (only missing ones are captured), so nothing is captured twice.
            foreach (var batch in pending.Chunk(parallel))
            {
                var incidents = Whole(batch);
                var counts = await Task.WhenAll(incidents.Select(incident => CaptureAsync(incident, listed, cancellationToken)));
                saved += counts.Sum();
                db.Write(s => s.Counters.Set(CursorKey, batch[^1]));
            }

            // Reposts found since: every appearance of a story is evidence, not only the first.
            var since = time.GetUtcNow() - Fresh;
            // Incidents side by side; one incident's pages in turn, so its evidence numbers follow its appearances.
            var reposts = open.Chunk(100).SelectMany(Whole).Where(i => i.Appearances.Skip(1).Any(a => a.Discovered > since)).ToList();
            await System.Threading.Tasks.Parallel.ForEachAsync(reposts, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
                async (incident, token) =>
                {
                    foreach (var url in Evidence.AppearanceUrls.Missing(incident, store, firstToo: false, since))
                    {
                        if (await CaptureOneAsync(incident, url, listed, token))
                        {
                            Interlocked.Increment(ref saved);
                        }
                    }
                });

            return saved;
        }
        finally
        {
            _pass.Release();
        }
    }

    public void Dispose() => _pass.Dispose();

    /// <summary>A few incidents read whole, in one short read.</summary>
    private List<Incident> Whole(long[] ids) => db.Read(s => ids.Select(id => s.Incidents.Get(id)).OfType<Incident>().ToList());

    private async Task<int> CaptureAsync(Incident incident, IReadOnlyList<SourceItem> listed, CancellationToken cancellationToken)
    {
        if (incident.Discovered < time.GetUtcNow() - Fresh)
        {
            return 0;
        }

        var saved = 0;
        foreach (var url in Evidence.AppearanceUrls.Missing(incident, store, firstToo: true, DateTimeOffset.MinValue))
        {
            saved += await CaptureOneAsync(incident, url, listed, cancellationToken) ? 1 : 0;
        }

        return saved;
    }

    private async Task<bool> CaptureOneAsync(Incident incident, string url, IReadOnlyList<SourceItem> listed, CancellationToken cancellationToken)
    {
        EvidenceCapture capture;
        if (turns is not null)
        {
            // Checks waiting for the processor go first; the capture itself then holds no turn (it mostly waits).
            (await turns.TakeBackgroundAsync(cancellationToken)).Dispose();
        }

        try
        {
            capture = await FetchAsync(incident, url, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure (refused, timed out, 404, unreadable) still leaves evidence behind.
            logger.LogWarning("Evidence for {Number}: {Url} could not be fetched ({Error}); saving what the source listed",
                incident.Number, url, ex.Message);
            capture = Listed(incident, url, listed, ex.Message);
        }

        using var turn = turns is null ? null : await turns.TakeBackgroundAsync(cancellationToken);
        try
        {
            var record = db.Write(_ => store.Save(incident, capture));
            logger.LogInformation("Evidence {Evidence} saved for {Number} (HTTP {Status}, SHA-256 {Sha256})",
                record.Id, incident.Number, record.HttpStatus, record.Sha256);
            return true;
        }
        catch (Exception ex) when (StorageFailure.Is(ex) || ex is InvalidOperationException)
        {
            // Skip this one rather than block every later incident's evidence behind it.
            logger.LogError(ex, "Evidence for {Number} could not be saved", incident.Number);
            return false;
        }
    }

    private async Task<EvidenceCapture> FetchAsync(Incident incident, string address, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new FetchException(FetchFailureKind.Blocked, $"'{address}' is not a web address");
        }

        // The browser's capture (screenshot and PDF print too) when there is one; plain HTTP when not or when it fails.
        if (pages is { Available: true } && await pages.TryCaptureAsync(address, ContentSelector(incident), cancellationToken) is { } shot)
        {
            return shot;
        }

        var page = await fetcher.FetchAsync(url, null, cancellationToken);
        var contentType = page.MediaType is null ? "application/octet-stream"
            : page.Charset is null ? page.MediaType
            : $"{page.MediaType}; charset={page.Charset}";
        var finalUrl = page.FinalUrl.AbsoluteUri == url.AbsoluteUri ? null : page.FinalUrl.AbsoluteUri;
        return new EvidenceCapture(address, page.Body, TextOf(page, ContentSelector(incident)), page.StatusCode, contentType,
            time.GetUtcNow(), finalUrl);
    }

    /// <summary>The page's readable text: an HTML page's article text, a feed or JSON as decoded text, nothing for binary data.</summary>
    private static string TextOf(FetchResult page, string? contentSelector)
    {
        var media = page.MediaType?.ToLowerInvariant() ?? "";
        var html = media is "" or "text/html" or "application/xhtml+xml";
        var kind = html ? DocumentKind.Html : media.Contains("json", StringComparison.Ordinal) ? DocumentKind.Json : DocumentKind.Xml;
        if (!html && !media.StartsWith("text/", StringComparison.Ordinal) && !media.Contains("xml", StringComparison.Ordinal) && kind != DocumentKind.Json)
        {
            return "";
        }

        var decoded = TextDecoder.Decode(page.Body, page.Charset, kind);
        return decoded.Failed ? "" : html ? HtmlExtractor.ExtractContent(decoded.Text, contentSelector) : decoded.Text;
    }

    internal static string TextOfHtml(byte[] body, string? charset, string? contentSelector)
    {
        var decoded = TextDecoder.Decode(body, charset, DocumentKind.Html);
        return decoded.Failed ? "" : HtmlExtractor.ExtractContent(decoded.Text, contentSelector);
    }

    private string? ContentSelector(Incident incident) =>
        sources.Find(incident.SourceName)?.Selectors.Content;

    /// <summary>What the source gave for the item (title and text), or the incident's title when the item is not at hand.</summary>
    private EvidenceCapture Listed(Incident incident, string url, IReadOnlyList<SourceItem> listed, string error)
    {
        var item = listed.FirstOrDefault(i => i.Url == url);
        var title = incident.Appearances.FirstOrDefault(a => a.Url == url)?.Title is { Length: > 0 } seen ? seen : incident.Title;
        var text = item is null ? title : $"{item.Title}\n\n{item.Text}".Trim();
        return new EvidenceCapture(url, Encoding.UTF8.GetBytes(text), text, 0, "text/plain; charset=utf-8",
            time.GetUtcNow(), Error: error);
    }
}
