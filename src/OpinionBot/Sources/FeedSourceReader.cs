using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace OpinionBot.Sources;

/// <summary>Reads RSS 2.0 and Atom feeds over HTTP. Kept small: it is the foundation's only source kind.</summary>
public sealed class FeedSourceReader(IHttpClientFactory httpClients) : ISourceReader
{
    public const string HttpClientName = "sources";

    public async Task<SourceReading> ReadAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        await using var stream = await http.GetStreamAsync(new Uri(source.Url), cancellationToken);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = true };
        using var reader = XmlReader.Create(stream, settings);
        var document = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
        return new SourceReading(Parse(document, new Uri(source.Url)));
    }

    internal static List<SourceItem> Parse(XDocument document, Uri baseUri)
    {
        var items = new List<SourceItem>();
        foreach (var element in document.Descendants().Where(e => e.Name.LocalName is "item" or "entry"))
        {
            var title = Child(element, "title")?.Value.Trim() ?? "";
            var link = LinkOf(element);
            if (link is null || !Uri.TryCreate(baseUri, link, out var url))
            {
                continue;
            }

            var text = (Child(element, "description") ?? Child(element, "summary") ?? Child(element, "content"))?.Value.Trim() ?? "";
            var published = ParseDate((Child(element, "pubDate") ?? Child(element, "published") ?? Child(element, "updated"))?.Value);
            items.Add(new SourceItem(url.AbsoluteUri, title, text, published));
        }

        return items;
    }

    private static XElement? Child(XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string? LinkOf(XElement element)
    {
        var link = Child(element, "link");
        var href = link?.Attribute("href")?.Value;
        return !string.IsNullOrWhiteSpace(href) ? href.Trim()
            : !string.IsNullOrWhiteSpace(link?.Value) ? link.Value.Trim()
            : Child(element, "guid")?.Value.Trim();
    }

    private static DateTimeOffset? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
    }
}
