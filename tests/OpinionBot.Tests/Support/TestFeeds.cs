using System.Globalization;
using System.Xml.Linq;

namespace OpinionBot.Tests.Support;

/// <summary>Builds small, valid feeds for tests; items come out in the order given.</summary>
public static class TestFeeds
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>An RSS 2.0 document with RFC 822 pubDates, as most Chinese news sites publish.</summary>
    public static string Rss(params (string Title, string Link, DateTimeOffset Published, string Description)[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var channel = new XElement("channel",
            new XElement("title", "测试频道"),
            new XElement("link", "http://127.0.0.1/"),
            new XElement("description", "Test feed"),
            items.Select(item => new XElement("item",
                new XElement("title", item.Title),
                new XElement("link", item.Link),
                new XElement("guid", new XAttribute("isPermaLink", "true"), item.Link),
                new XElement("pubDate", Rfc822(item.Published)),
                new XElement("description", item.Description))));
        return Declared(new XDocument(new XElement("rss", new XAttribute("version", "2.0"), channel)));
    }

    /// <summary>An Atom 1.0 document with RFC 3339 dates.</summary>
    public static string Atom10(params (string Title, string Link, DateTimeOffset Published, string Summary)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "title", "测试 Atom"),
            new XElement(Atom + "id", "urn:test:feed"),
            new XElement(Atom + "updated", Rfc3339(entries.Select(entry => entry.Published).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max())),
            entries.Select(entry => new XElement(Atom + "entry",
                new XElement(Atom + "title", entry.Title),
                new XElement(Atom + "link", new XAttribute("href", entry.Link)),
                new XElement(Atom + "id", entry.Link),
                new XElement(Atom + "published", Rfc3339(entry.Published)),
                new XElement(Atom + "updated", Rfc3339(entry.Published)),
                new XElement(Atom + "summary", entry.Summary))));
        return Declared(new XDocument(feed));
    }

    /// <summary>"Tue, 05 May 2026 09:30:00 +0800".</summary>
    public static string Rfc822(DateTimeOffset time) =>
        time.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
        + (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.ToString("hhmm", CultureInfo.InvariantCulture);

    private static string Rfc3339(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Declared(XDocument document) => "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + document;
}
