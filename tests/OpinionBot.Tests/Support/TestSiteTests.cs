using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Xunit;

namespace OpinionBot.Tests.Support;

public sealed class TestSiteTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient http = new();
    private TestSite site = null!;

    public async Task InitializeAsync() => site = await TestSite.StartAsync();

    public async Task DisposeAsync() => await site.DisposeAsync();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task Set_ThenChangeAndRemove_ServesCurrentContentAndCounts()
    {
        site.Set("/news", "<html>一</html>", "text/html; charset=utf-8");
        var first = await http.GetStringAsync(new Uri(site.Url("/news")));

        site.Set("news", "<html>二</html>", "text/html; charset=utf-8");
        var second = await http.GetStringAsync(new Uri(site.Url("/news?page=2")));
        site.Remove("/news");
        using var gone = await http.GetAsync(new Uri(site.Url("/news")));

        Assert.Equal(("<html>一</html>", "<html>二</html>"), (first, second));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(3, site.RequestCount("/news"));
        Assert.Equal(1, site.RequestCount("/news?page=2"));
    }

    [Fact]
    public async Task Get_WithMatchingETag_AnswersNotModified()
    {
        site.Set("/feed.xml", TestFeeds.Rss());
        using var first = await http.GetAsync(new Uri(site.Url("/feed.xml")));
        using var conditional = new HttpRequestMessage(HttpMethod.Get, site.Url("/feed.xml"));
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await http.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("application/rss+xml", first.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(first.Content.Headers.LastModified);
    }

    [Fact]
    public async Task Map_CustomHandler_ControlsTheWholeResponse()
    {
        site.Map("/old", context =>
        {
            context.Response.Redirect("/new");
            return Task.CompletedTask;
        });
        site.Set("/new", [0xC4, 0xE3], "text/plain; charset=gbk");
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await noRedirects.GetAsync(new Uri(site.Url("/old")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/new", response.Headers.Location!.OriginalString);
        Assert.Equal([0xC4, 0xE3], await http.GetByteArrayAsync(new Uri(site.Url("/new"))));
    }

    [Fact]
    public void Rss_TwoItems_BuildsParseableFeedWithRfc822Dates()
    {
        var published = new DateTimeOffset(2026, 5, 5, 9, 30, 0, TimeSpan.FromHours(8));

        var rss = XDocument.Parse(TestFeeds.Rss(
            ("某地 <化工厂> 泄漏", "http://127.0.0.1/a", published, "描述 & 细节"),
            ("second", "http://127.0.0.1/b", published.AddHours(1), "")));

        var items = rss.Root!.Element("channel")!.Elements("item").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("某地 <化工厂> 泄漏", items[0].Element("title")!.Value);
        Assert.Equal("Tue, 05 May 2026 09:30:00 +0800", items[0].Element("pubDate")!.Value);
        Assert.Equal("描述 & 细节", items[0].Element("description")!.Value);
    }

    [Fact]
    public async Task Hits_Request_RecordsHeaders()
    {
        site.Set("/a", "x");
        using var request = new HttpRequestMessage(HttpMethod.Get, site.Url("/a"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("OpinionBot", "1.0"));

        using var response = await http.SendAsync(request);

        Assert.Equal("OpinionBot/1.0", Assert.Single(site.Hits).Headers["User-Agent"]);
    }
}
