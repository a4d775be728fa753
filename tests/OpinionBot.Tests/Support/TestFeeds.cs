using System.Globalization;
using System.Xml.Linq;

namespace OpinionBot.Tests.Support;

/// <summary>Builds small, valid feeds for tests; items come out in the order given.</summary>
public static class TestFeeds
{
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

    /// <summary>"Tue, 05 May 2026 09:30:00 +0800".</summary>
    public static string Rfc822(DateTimeOffset time) =>
        time.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
        + (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.ToString("hhmm", CultureInfo.InvariantCulture);

    private static string Declared(XDocument document) => "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + document;
}
