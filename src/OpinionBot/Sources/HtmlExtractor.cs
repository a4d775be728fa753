using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace OpinionBot.Sources;

/// <summary>
/// The items a list page shows, read with the source's CSS selectors. <see cref="ItemNodes"/> is how many elements
/// the item selector matched: 0 on a page that loaded means the selectors no longer fit (a redesign).
/// </summary>
public sealed record ListExtraction(IReadOnlyList<SourceItem> Items, int ItemNodes, IReadOnlyList<string> Warnings, string? Problem = null);

/// <summary>Reads list pages and article pages with AngleSharp.</summary>
public static partial class HtmlExtractor
{
    // One parser per thread: a new HtmlParser builds its own browsing context and configuration each time (a twentieth
    // of a list page's parsing garbage), and sharing one between threads is not documented as safe.
    [ThreadStatic]
    private static HtmlParser? t_parser;

    internal static HtmlParser Parser => t_parser ??= new HtmlParser();

    public static ListExtraction ExtractList(string html, Uri pageUrl, SourceSelectors selectors, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(selectors.Item))
        {
            return new ListExtraction([], 0, [], "no item selector: set Selectors:Item (e.g. 'tbody[id^=normalthread]')");
        }

        var document = Parser.ParseDocument(html);
        var baseUrl = BaseOf(document, pageUrl);
        IHtmlCollection<IElement> nodes;
        try
        {
            nodes = document.QuerySelectorAll(selectors.Item);
        }
        catch (DomException)
        {
            return new ListExtraction([], 0, [], $"the item selector '{selectors.Item}' is not valid CSS");
        }

        var items = new List<SourceItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var undated = new List<string>();
        try
        {
            foreach (var node in nodes)
            {
                var item = ReadItem(node, baseUrl, selectors, zone, now, undated);
                if (item is not null && seen.Add(item.Url))
                {
                    items.Add(item);
                }
            }
        }
        catch (DomException)
        {
            return new ListExtraction([], nodes.Length, [], "a field selector (Title, Link, Time …) is not valid CSS");
        }

        if (nodes.Length > 0 && items.Count == 0)
        {
            warnings.Add($"the item selector matched {nodes.Length} elements but none had a link and a title");
        }

        if (undated.Count > 0)
        {
            warnings.Add($"{undated.Count} items have no readable time (e.g. '{undated[0]}'); their discovery time is used");
        }

        return new ListExtraction(items, nodes.Length, warnings);
    }

    /// <summary>The article text of an item page: the <paramref name="contentSelector"/>'s text, or the main text found automatically.</summary>
    public static string ExtractContent(string html, string? contentSelector)
    {
        var document = Parser.ParseDocument(html);
        if (!string.IsNullOrWhiteSpace(contentSelector))
        {
            try
            {
                var parts = document.QuerySelectorAll(contentSelector).Select(HtmlText.Of).Where(t => t.Length > 0);
                var text = string.Join("\n", parts);
                if (text.Length > 0)
                {
                    return text;
                }
            }
            catch (DomException)
            {
                // An invalid content selector falls back to automatic extraction; the list still works.
            }
        }

        return MainText.Find(document);
    }

    private static SourceItem? ReadItem(IElement node, Uri baseUrl, SourceSelectors s, TimeZoneInfo zone, DateTimeOffset now, List<string> undated)
    {
        var linkElement = Pick(node, s.Link) ?? Pick(node, s.Title) ?? node;
        var anchor = linkElement.LocalName == "a" && linkElement.HasAttribute("href")
            ? linkElement
            : linkElement.QuerySelector("a[href]") ?? node.QuerySelector("a[href]");
        var url = CanonicalUrl.From(anchor?.GetAttribute("href"), baseUrl);
        if (url is null)
        {
            return null;
        }

        var titleElement = Pick(node, s.Title) ?? anchor;
        var title = HtmlText.Line(titleElement?.TextContent);
        if (title.Length == 0)
        {
            title = HtmlText.Line(titleElement?.GetAttribute("title") ?? anchor?.GetAttribute("title"));
        }

        if (title.Length == 0)
        {
            return null;
        }

        DateTimeOffset? published = null;
        if (Pick(node, s.Time) is { } timeElement)
        {
            published = TimeOf(timeElement, zone, now);
            if (published is null)
            {
                undated.Add(HtmlText.Line(timeElement.TextContent));
            }
        }

        var summary = Pick(node, s.Summary) is { } summaryElement ? HtmlText.Of(summaryElement) : "";
        var author = Pick(node, s.Author) is { } authorElement ? HtmlText.Line(authorElement.TextContent) : null;
        return new SourceItem(url, Clean(title), summary, published, string.IsNullOrEmpty(author) ? null : author,
            Count(Pick(node, s.Replies)), Count(Pick(node, s.Views)));
    }

    private static IElement? Pick(IElement node, string? selector) =>
        string.IsNullOrWhiteSpace(selector) ? null : node.QuerySelector(selector);

    // A time element's machine-readable attribute (Discuz! puts the full date in a title) beats its display text.
    private static DateTimeOffset? TimeOf(IElement element, TimeZoneInfo zone, DateTimeOffset now)
    {
        var candidates = new[]
        {
            element.GetAttribute("datetime"),
            element.GetAttribute("title"),
            element.QuerySelector("[title]")?.GetAttribute("title"),
            element.TextContent,
        };
        foreach (var candidate in candidates)
        {
            if (PublishedDates.Parse(candidate, zone, now) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static Uri BaseOf(IDocument document, Uri pageUrl) =>
        document.QuerySelector("base[href]")?.GetAttribute("href") is { } href && Uri.TryCreate(pageUrl, href, out var b) &&
        b.Scheme is "http" or "https"
            ? b
            : pageUrl;

    /// <summary>Engagement numbers as boards print them: <c>12</c>, <c>3,456</c>, <c>1.2万</c>.</summary>
    internal static int? Count(IElement? element)
    {
        var m = element is null ? Match.Empty : CountPattern().Match(element.TextContent);
        if (!m.Success || !double.TryParse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        n *= m.Groups[2].Value.ToLowerInvariant() switch { "万" or "w" => 10_000, "千" or "k" => 1_000, "亿" => 100_000_000, _ => 1 };
        return n > int.MaxValue ? int.MaxValue : (int)n;
    }

    /// <summary>Replacement characters left by a few bad bytes are dropped from short texts rather than stored.</summary>
    internal static string Clean(string text) => text.Contains('\uFFFD', StringComparison.Ordinal)
        ? text.Replace("\uFFFD", "", StringComparison.Ordinal)
        : text;

    [GeneratedRegex(@"(\d[\d,]*(?:\.\d+)?)\s*(万|千|亿|[kKwW])?")]
    private static partial Regex CountPattern();
}
