using System.Text.Json;

namespace OpinionBot.Sources;

/// <summary>What a feed yields, or <see cref="Problem"/>: one line saying why the document is not a usable feed.</summary>
public sealed record FeedExtraction(IReadOnlyList<SourceItem> Items, string Format, IReadOnlyList<string> Warnings, string? Problem = null);

/// <summary>
/// Reads RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed. Broken XML (truncated, bare ampersands, undeclared prefixes)
/// is read leniently: whatever parses is kept and the break is reported as a warning.
/// </summary>
public static class FeedExtractor
{
    public static FeedExtraction Extract(string text, Uri feedUrl, TimeZoneInfo zone, DateTimeOffset now)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty)
        {
            return new FeedExtraction([], "none", [], "the document is empty");
        }

        var warnings = new List<string>();
        var (entries, format, problem) = trimmed[0] == '{' ? JsonFeed.Read(text) : ReadXml(text, warnings);
        var undated = new List<string>();
        var items = new List<SourceItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, baseUrl) in entries)
        {
            var resolved = baseUrl is not null && Uri.TryCreate(feedUrl, baseUrl, out var b) ? b : feedUrl;
            if (entry.ToItem(resolved, zone, now, undated) is { } item && seen.Add(item.Url))
            {
                items.Add(item);
            }
        }

        if (undated.Count > 0)
        {
            warnings.Add($"{undated.Count} entries have an unreadable date (e.g. '{undated[0]}'); their discovery time is used");
        }

        return new FeedExtraction(items, format, warnings, items.Count == 0 ? problem : null);
    }

    private static (List<(FeedEntry, string?)> Entries, string Format, string? Problem) ReadXml(string text, List<string> warnings)
    {
        var document = FeedNode.Parse(text, out var error);
        var entries = Entries(document, out var format);
        if (error is not null)
        {
            var repaired = FeedNode.Parse(FeedNode.Repair(text), out var secondError);
            var second = Entries(repaired, out var secondFormat);
            if (second.Count >= entries.Count)
            {
                (entries, format) = (second, secondFormat);
            }

            warnings.Add($"not well-formed XML ({error}); read leniently{(secondError is null ? "" : ", up to the break")}");
        }

        var problem = format == "unknown"
            ? $"not a feed: {(error is null ? "no RSS, Atom or JSON Feed root element" : "the XML is broken (" + error + ")")}"
            : entries.Count == 0 ? "the feed lists no entries" : null;
        return (entries, format, problem);
    }

    private static List<(FeedEntry, string?)> Entries(FeedNode document, out string format)
    {
        var root = document.Children.FirstOrDefault();
        format = root?.LocalName.ToLowerInvariant() switch
        {
            "rss" => "rss " + (root.Attribute("version") ?? "2.0"),
            "rdf" => "rss 1.0",
            "feed" => root.Attribute("version") == "0.3" ? "atom 0.3" : "atom 1.0",
            _ => "unknown",
        };
        var rootBase = root?.Attribute("xml:base");
        var result = new List<(FeedEntry, string?)>();
        foreach (var node in document.Descendants().Where(n => n.LocalName is "item" or "entry" && n.Prefix is "" or "rss" or "atom" or "rdf"))
        {
            if (format == "unknown")
            {
                format = node.LocalName == "entry" ? "atom 1.0" : "rss 2.0";
            }

            result.Add((Entry(node), node.Attribute("xml:base") ?? rootBase));
        }

        return result;
    }

    private static FeedEntry Entry(FeedNode node)
    {
        var content = node.Child("content:encoded") ?? node.Child("content") ?? node.Child("description", "summary") ??
            node.Child("media:group")?.Child("media:description") ?? node.Child("media:description");
        var html = content is null ? null
            : content.Attribute("type") is "xhtml" ? System.Net.WebUtility.HtmlEncode(content.AllText())
            : content.Attribute("type") is "text" or "text/plain" ? System.Net.WebUtility.HtmlEncode(content.Text.ToString())
            : content.AllText();
        var author = node.Child("author") is { } a ? (a.Child("name")?.Text.ToString() ?? a.Text.ToString()) : null;
        return new FeedEntry(
            node.Child("title")?.AllText(),
            Link(node),
            html,
            null,
            (node.Child("pubDate", "published", "dc:date", "issued", "updated", "modified", "created", "dc:created"))?.Text.ToString(),
            author ?? node.Child("dc:creator")?.Text.ToString());
    }

    private static string? Link(FeedNode node)
    {
        foreach (var link in node.Children.Where(c => c.LocalName == "link" && c.Prefix is "" or "atom"))
        {
            var href = link.Attribute("href");
            if (href is not null && link.Attribute("rel") is null or "alternate")
            {
                return href;
            }

            if (href is null && link.Text.ToString().Trim() is { Length: > 0 } text)
            {
                return text;
            }
        }

        var guid = node.Child("guid");
        if (guid is not null && guid.Attribute("isPermaLink") != "false" && guid.Text.ToString().Trim() is { } g &&
            g.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return g;
        }

        // Atom ids are often the entry's permalink when no link is given.
        var id = node.Child("id")?.Text.ToString().Trim();
        return node.Child("feedburner:origLink")?.Text.ToString() ?? node.Attribute("rdf:about") ??
            node.Children.FirstOrDefault(c => c.LocalName == "link")?.Attribute("href") ??
            (id is not null && id.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? id : null);
    }

    /// <summary>JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1).</summary>
    private static class JsonFeed
    {
        public static (List<(FeedEntry, string?)>, string, string?) Read(string text)
        {
            var entries = new List<(FeedEntry, string?)>();
            try
            {
                using var json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 32 });
                if (json.RootElement.ValueKind != JsonValueKind.Object ||
                    !json.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                {
                    return (entries, "json", "not a JSON Feed: no 'items' array");
                }

                foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    var author = Str(item, "author") ?? (item.TryGetProperty("authors", out var authors) &&
                        authors.ValueKind == JsonValueKind.Array && authors.GetArrayLength() > 0
                        ? Str(authors[0], "name") : null);
                    entries.Add((new FeedEntry(Str(item, "title"), Str(item, "url") ?? Str(item, "external_url"),
                        Str(item, "content_html") ?? Str(item, "summary"), Str(item, "content_text"),
                        Str(item, "date_published") ?? Str(item, "date_modified"), author), null));
                }

                return (entries, "json feed", entries.Count == 0 ? "the feed lists no entries" : null);
            }
            catch (JsonException ex)
            {
                return (entries, "json", $"not valid JSON: {ex.Message}");
            }
        }

        private static string? Str(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Object => Str(value, "name"),
                    _ => null,
                }
                : null;
    }
}
