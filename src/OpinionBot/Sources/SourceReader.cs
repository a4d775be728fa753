using System.Collections.Concurrent;
using System.Web;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpinionBot.Sources;

/// <summary>
/// Reads any kind of source through the <see cref="SafeFetcher"/>: feeds, list pages (optionally following each new
/// item's link for its text) and keyword searches. A read that yields nothing usable throws <see cref="FetchException"/>
/// with a one-line reason for the health notice.
/// </summary>
public sealed class SourceReader(
    SafeFetcher fetcher,
    IOptions<FetchingOptions> options,
    TimeProvider time,
    ILogger<SourceReader> logger,
    IFetchMemory? memory = null,
    IPageRenderer? renderer = null,
    CpuTurns? turns = null) : ISourceReader
{
    private const int MaxKeywordsPerRead = 30;
    private readonly ConcurrentDictionary<string, byte> _warnedUndated = new(StringComparer.OrdinalIgnoreCase);

    // Per page, a hash of the body last read and committed: a site without validators that sends the same bytes again
    // is unchanged, and parsing it again (the costly part of a read) would find nothing new.
    private readonly ConcurrentDictionary<string, ulong> _bodies = new(StringComparer.Ordinal);

    public async Task<SourceReading> ReadAsync(SourceDefinition source, IReadOnlyCollection<string> searchKeywords, CancellationToken cancellationToken, bool useStoredValidators = true)
    {
        var reading = source.Kind switch
        {
            SourceKinds.Feed => await ReadFeedAsync(source, useStoredValidators, cancellationToken),
            SourceKinds.Html => await ReadListAsync(source, new Uri(source.Url), useStoredValidators, cancellationToken),
            SourceKinds.Search => await SearchAsync(source, searchKeywords, cancellationToken),
            _ => throw new FetchException(FetchFailureKind.Unreadable, $"unknown source kind '{source.Kind}': use feed, html or search"),
        };
        if (reading.Warnings.Any(w => w.Contains("no readable time", StringComparison.Ordinal) || w.Contains("unreadable date", StringComparison.Ordinal)) &&
            _warnedUndated.TryAdd(source.Name, 0))
        {
            // Once per source: the form will not change from one poll to the next.
            logger.LogWarning("Source {Source}: {Warning}", source.Name, reading.Warnings.First(w => w.Contains("time", StringComparison.Ordinal) || w.Contains("date", StringComparison.Ordinal)));
        }

        return reading;
    }

    private async Task<SourceReading> ReadFeedAsync(SourceDefinition source, bool conditional, CancellationToken ct)
    {
        var url = new Uri(source.Url);
        var (page, text) = await FetchTextAsync(url, conditional, DocumentKind.Xml, ct);
        if (page.NotModified)
        {
            return SourceReading.Unchanged;
        }

        if (conditional && SameBody(PageKey(url, null), page))
        {
            return SourceReading.Unchanged with { Commit = Validators(url, page) };
        }

        var feed = FeedExtractor.Extract(text.Text, page.FinalUrl, source.ResolveTimeZone(), time.GetUtcNow());
        if (feed.Problem is not null && feed.Items.Count == 0 && feed.Problem != "the feed lists no entries")
        {
            throw new FetchException(FetchFailureKind.Unreadable, feed.Problem);
        }

        return new SourceReading(feed.Items, Encoding: text.Encoding, Warnings: [.. feed.Warnings, .. CharsetWarning(text)])
        {
            Commit = conditional ? Remember(url, PageKey(url, null), page) : null,
        };
    }

    private async Task<SourceReading> ReadListAsync(SourceDefinition source, Uri url, bool conditional, CancellationToken ct)
    {
        if (string.Equals(source.Fetch, FetchModes.Browser, StringComparison.OrdinalIgnoreCase))
        {
            return await ReadRenderedAsync(source, url, ct);
        }

        if (!string.IsNullOrEmpty(source.Fetch) && !string.Equals(source.Fetch, FetchModes.Http, StringComparison.OrdinalIgnoreCase))
        {
            throw new FetchException(FetchFailureKind.Unreadable, $"unknown Fetch '{source.Fetch}': use http or browser");
        }

        var (page, text) = await FetchTextAsync(url, conditional, DocumentKind.Html, ct);
        if (page.NotModified)
        {
            return SourceReading.Unchanged;
        }

        if (conditional && SameBody(PageKey(url, source.Selectors), page))
        {
            // Nothing to parse; the page's validators (if it sends any now) are still worth keeping.
            return SourceReading.Unchanged with { Commit = Validators(url, page) };
        }

        ListExtraction list;
        using (turns is null ? null : await turns.TakeAsync(ct))
        {
            // Parsing is the CPU-heavy part of a read: at most one page per core at a time (see CpuTurns).
            list = HtmlExtractor.ExtractList(text.Text, page.FinalUrl, source.Selectors, source.ResolveTimeZone(), time.GetUtcNow());
        }

        if (list.Problem is not null)
        {
            throw new FetchException(FetchFailureKind.Unreadable, list.Problem);
        }

        var warnings = new List<string>(list.Warnings);
        warnings.AddRange(CharsetWarning(text));
        var items = source.FollowLinks ? await FollowAsync(source, list.Items, warnings, ct) : list.Items;
        return new SourceReading(items, Encoding: text.Encoding, Warnings: warnings,
            SelectorsFoundNothing: list.Items.Count == 0 && source.Kind == SourceKinds.Html)
        {
            Commit = conditional ? Remember(url, PageKey(url, source.Selectors), page) : null,
        };
    }

    /// <summary>A list page built by JavaScript: read through the browser, then the same selectors as any list page.</summary>
    private async Task<SourceReading> ReadRenderedAsync(SourceDefinition source, Uri url, CancellationToken ct)
    {
        if (renderer is not { Available: true })
        {
            throw new FetchException(FetchFailureKind.Unreadable, "this source is read through the browser, and no browser is installed (apt-get install chromium)");
        }

        var page = await renderer.RenderAsync(url, ct);
        if (page.Status >= 400)
        {
            throw new FetchException(FetchFailureKind.HttpStatus, $"{url.Host} answered HTTP {page.Status}");
        }

        var list = HtmlExtractor.ExtractList(page.Html, page.FinalUrl, source.Selectors, source.ResolveTimeZone(), time.GetUtcNow());
        if (list.Problem is not null)
        {
            throw new FetchException(FetchFailureKind.Unreadable, list.Problem);
        }

        var warnings = new List<string>(list.Warnings);
        var items = source.FollowLinks ? await FollowAsync(source, list.Items, warnings, ct) : list.Items;
        return new SourceReading(items, Encoding: "utf-8", Warnings: warnings, SelectorsFoundNothing: list.Items.Count == 0);
    }

    private async Task<SourceReading> SearchAsync(SourceDefinition source, IReadOnlyCollection<string> keywords, CancellationToken ct)
    {
        var encoding = EncodingNames.Resolve(source.Encoding) ?? System.Text.Encoding.UTF8;
        var words = keywords.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxKeywordsPerRead).ToList();
        if (words.Count == 0)
        {
            return new SourceReading([], Warnings: ["a search source needs topic keywords, and there are none"]);
        }

        var items = new List<SourceItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        string? usedEncoding = null;
        FetchException? firstError = null;
        foreach (var word in words)
        {
            var escaped = HttpUtility.UrlEncode(word, encoding);
            var url = new Uri(source.Url.Replace("{keyword}", escaped, StringComparison.Ordinal)
                .Replace("%7Bkeyword%7D", escaped, StringComparison.OrdinalIgnoreCase));
            try
            {
                var reading = await ReadListAsync(source, url, conditional: false, ct);
                usedEncoding ??= reading.Encoding;
                items.AddRange(reading.Items.Where(i => seen.Add(i.Url)));
                warnings.AddRange(reading.Warnings.Where(w => !warnings.Contains(w)));
            }
            catch (FetchException ex) when (ex.Kind != FetchFailureKind.Blocked)
            {
                firstError ??= ex;
                warnings.Add($"search for '{word}' failed: {ex.Message}");
            }
        }

        return firstError is not null && items.Count == 0 && warnings.Count == words.Count
            ? throw firstError
            : new SourceReading(items, Encoding: usedEncoding, Warnings: warnings);
    }

    private async Task<List<SourceItem>> FollowAsync(SourceDefinition source, IReadOnlyList<SourceItem> items, List<string> warnings, CancellationToken ct)
    {
        var result = new List<SourceItem>(items.Count);
        var followed = 0;
        foreach (var item in items)
        {
            if (followed >= options.Value.MaxFollowedLinks || memory?.HasSeen(item.Url) == true)
            {
                result.Add(item);
                continue;
            }

            followed++;
            try
            {
                var (_, text) = await FetchTextAsync(new Uri(item.Url), conditional: false, DocumentKind.Html, ct);
                var content = HtmlExtractor.ExtractContent(text.Text, source.Selectors.Content);
                result.Add(content.Length > 0 ? item with { Text = content } : item);
            }
            catch (FetchException ex)
            {
                warnings.Add($"could not follow {item.Url}: {ex.Message}");
                result.Add(item);
            }
        }

        return result;
    }

    private async Task<(FetchResult Page, DecodedText Text)> FetchTextAsync(Uri url, bool conditional, DocumentKind kind, CancellationToken ct)
    {
        var validators = conditional ? memory?.GetValidators(url.AbsoluteUri) : null;
        var page = await fetcher.FetchAsync(url, validators, ct);
        if (page.NotModified)
        {
            return (page, new DecodedText("", "", null));
        }

        if (kind == DocumentKind.Xml && (page.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || page.Body.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("{"u8)))
        {
            kind = DocumentKind.Json;
        }

        var text = TextDecoder.Decode(page.Body, page.Charset, kind);
        return text.Failed
            ? throw new FetchException(FetchFailureKind.Unreadable, $"{url.Host}: {text.Problem}")
            : (page, text);
    }

    /// <summary>
    /// Stores the page's validators and its body's hash when the reading is committed, not now (see
    /// <see cref="SourceReading.Commit"/>): a reading whose items were not taken must be read in full again.
    /// </summary>
    private Action Remember(Uri url, string key, FetchResult page)
    {
        var body = BodyKey(page.Body);
        if (memory is null || (page.ETag is null && page.LastModified is null))
        {
            return () => _bodies[key] = body;
        }

        var validators = new FetchValidators(page.ETag, page.LastModified);
        return () =>
        {
            memory.SaveValidators(url.AbsoluteUri, validators);
            _bodies[key] = body;
        };
    }

    /// <summary>Stores the validators of an unchanged page that sends them, so the next read can be conditional.</summary>
    private Action? Validators(Uri url, FetchResult page)
    {
        if (memory is null || (page.ETag is null && page.LastModified is null))
        {
            return null;
        }

        var validators = new FetchValidators(page.ETag, page.LastModified);
        return memory.GetValidators(url.AbsoluteUri) == validators ? null : () => memory.SaveValidators(url.AbsoluteUri, validators);
    }

    private bool SameBody(string key, FetchResult page) =>
        _bodies.TryGetValue(key, out var last) && last == BodyKey(page.Body);

    /// <summary>The page and the selectors read it with: the same bytes read with edited selectors are news.</summary>
    private static string PageKey(Uri url, SourceSelectors? selectors) => selectors is null
        ? url.AbsoluteUri
        : string.Join('\n', url.AbsoluteUri, selectors.Item, selectors.Title, selectors.Link, selectors.Time, selectors.Summary,
            selectors.Author, selectors.Replies, selectors.Views, selectors.Content);

    private static ulong BodyKey(byte[] body)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(body, hash);
        return BitConverter.ToUInt64(hash);
    }

    private static IEnumerable<string> CharsetWarning(DecodedText text)
    {
        if (text.DeclarationOverruled)
        {
            yield return $"the page declares {text.Declared} but is {text.Encoding}; read as {text.Encoding}";
        }
    }
}
