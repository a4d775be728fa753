using System.Text;
using OpinionBot.Incidents;
using OpinionBot.Sources;
using OpinionBot.Storage;

namespace OpinionBot.Reports;

/// <summary>
/// 证据备份: saves the page of each newly opened incident as it was, right after the intake that opened it. Runs
/// outside any transaction (fetching takes time); a stored cursor (the last incident id handled) moves forward in the
/// same transaction as each saved entry, so after a crash the next pass picks up exactly where this one stopped.
/// A page that cannot be fetched is still backed up, from what the source listed, with HTTP status 0 and the error.
/// </summary>
public sealed class EvidenceBackup(
    OpinionDatabase db,
    EvidenceStore store,
    SafeFetcher fetcher,
    SourceCatalog sources,
    TimeProvider time,
    ILogger<EvidenceBackup> logger) : IDisposable
{
    /// <summary>Counter: the id of the last incident whose evidence was handled.</summary>
    public const string CursorKey = "evidence-captured-through";

    // A page fetched later than this after discovery is not "as it was"; older incidents (e.g. from before an upgrade) are skipped.
    private static readonly TimeSpan Fresh = TimeSpan.FromDays(1);

    // Pages fetched at once in a pass: enough to keep up with a burst, few enough not to crowd out the source checks.
    private const int Parallelism = 4;

    // Sources are checked in parallel; one pass at a time keeps each incident captured once.
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>
    /// Captures every incident opened since the last pass. <paramref name="listed"/> are the items the source just gave,
    /// used when a page cannot be fetched. Returns how many entries were saved.
    /// </summary>
    public async Task<int> CaptureNewAsync(IReadOnlyList<SourceItem> listed, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var cursor = db.GetValue(CursorKey);
            var pending = db.Read(() => db.Incidents.Find(i => i.Id > cursor).OrderBy(i => i.Id).ToList());
            var saved = 0;

            // Pages are fetched a few at a time (each host still keeps its own pace); saving stays in id order so the
            // cursor never passes an incident whose evidence is not stored.
            foreach (var batch in pending.Chunk(Parallelism))
            {
                var captures = await Task.WhenAll(batch.Select(incident => PrepareAsync(incident, listed, cancellationToken)));
                for (var i = 0; i < batch.Length; i++)
                {
                    saved += Save(batch[i], captures[i]) ? 1 : 0;
                }
            }

            return saved;
        }
        finally
        {
            _pass.Release();
        }
    }

    public void Dispose() => _pass.Dispose();

    /// <summary>The page as it is now, or null when the incident is too old for its page to count as evidence.</summary>
    private async Task<EvidenceCapture?> PrepareAsync(Incident incident, IReadOnlyList<SourceItem> listed, CancellationToken cancellationToken)
    {
        if (incident.Discovered < time.GetUtcNow() - Fresh)
        {
            return null;
        }

        try
        {
            return await FetchAsync(incident, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure (refused, timed out, 404, unreadable) still leaves evidence behind.
            logger.LogWarning("Evidence for {Number}: {Url} could not be fetched ({Error}); saving what the source listed",
                incident.Number, incident.Url, ex.Message);
            return Listed(incident, listed, ex.Message);
        }
    }

    private bool Save(Incident incident, EvidenceCapture? capture)
    {
        if (capture is null)
        {
            db.Write(() => db.SetValue(CursorKey, incident.Id));
            return false;
        }

        try
        {
            var record = db.Write(() =>
            {
                var saved = store.Save(incident, capture);
                db.SetValue(CursorKey, incident.Id);
                return saved;
            });
            logger.LogInformation("Evidence {Evidence} saved for {Number} (HTTP {Status}, SHA-256 {Sha256})",
                record.Id, incident.Number, record.HttpStatus, record.Sha256);
            return true;
        }
        catch (Exception ex) when (ex is LiteDB.LiteException or InvalidOperationException or IOException)
        {
            // Skip this one rather than block every later incident's evidence behind it.
            logger.LogError(ex, "Evidence for {Number} could not be saved", incident.Number);
            db.Write(() => db.SetValue(CursorKey, incident.Id));
            return false;
        }
    }

    private async Task<EvidenceCapture> FetchAsync(Incident incident, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(incident.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new FetchException(FetchFailureKind.Blocked, $"'{incident.Url}' is not a web address");
        }

        var page = await fetcher.FetchAsync(url, null, cancellationToken);
        var contentType = page.MediaType is null ? "application/octet-stream"
            : page.Charset is null ? page.MediaType
            : $"{page.MediaType}; charset={page.Charset}";
        var finalUrl = page.FinalUrl.AbsoluteUri == url.AbsoluteUri ? null : page.FinalUrl.AbsoluteUri;
        return new EvidenceCapture(incident.Url, page.Body, TextOf(page, ContentSelector(incident)), page.StatusCode, contentType,
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

    private string? ContentSelector(Incident incident) =>
        sources.Find(incident.SourceName)?.Selectors.Content;

    /// <summary>What the source gave for the item (title and text), or the incident's title when the item is not at hand.</summary>
    private EvidenceCapture Listed(Incident incident, IReadOnlyList<SourceItem> listed, string error)
    {
        var item = listed.FirstOrDefault(i => i.Url == incident.Url);
        var text = item is null ? incident.Title : $"{item.Title}\n\n{item.Text}".Trim();
        return new EvidenceCapture(incident.Url, Encoding.UTF8.GetBytes(text), text, 0, "text/plain; charset=utf-8",
            time.GetUtcNow(), Error: error);
    }
}
