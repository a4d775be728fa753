using System.Diagnostics;
using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class SafeFetcherTests(SourceSiteFixture fixture) : IClassFixture<SourceSiteFixture>
{
    private SourceTestSite Site => fixture.Site;

    [Theory]
    [InlineData("http://127.0.0.1/", "loopback")]
    [InlineData("http://127.1/", "loopback")]
    [InlineData("http://2130706433/", "loopback")]
    [InlineData("http://0x7f000001/", "loopback")]
    [InlineData("http://0177.0.0.1/", "loopback")]
    [InlineData("http://0x7f.0.0.1/", "loopback")]
    [InlineData("http://[::1]/", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]/", "loopback")]
    [InlineData("http://[::ffff:169.254.169.254]/", "link-local")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://10.0.0.1/", "private")]
    [InlineData("http://172.16.5.4/", "private")]
    [InlineData("http://192.168.1.1/", "private")]
    [InlineData("http://100.64.0.1/", "carrier-grade NAT")]
    [InlineData("http://224.0.0.1/", "multicast")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    [InlineData("http://[fe80::1]/", "link-local")]
    [InlineData("http://[fc00::1]/", "unique local")]
    [InlineData("http://[ff02::1]/", "multicast")]
    [InlineData("http://[::]/", "unspecified")]
    [InlineData("http://[64:ff9b::a00:1]/", "private")]
    [InlineData("file:///etc/passwd", "only http and https")]
    [InlineData("ftp://example.invalid/", "only http and https")]
    [InlineData("gopher://example.invalid/", "only http and https")]
    [InlineData("http://user:secret@example.invalid/", "user name")]
    public async Task FetchAsync_BlockedAddress_IsRefusedWithReason(string url, string reason)
    {
        using var fetcher = SourceSiteFixture.Fetcher(o => o.AllowList = []);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Uri(url), null, CancellationToken.None));

        Assert.Equal(FetchFailureKind.Blocked, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_HostNameResolvingToLoopback_IsRefusedOnConnect()
    {
        using var fetcher = SourceSiteFixture.Fetcher(o => o.AllowList = []);
        var url = new Uri($"http://localhost:{Site.BaseUrl.Port}/f/news-list.html");
        var before = Site.Hits("/f/news-list.html");

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(url, null, CancellationToken.None));

        Assert.Equal(FetchFailureKind.Blocked, error.Kind);
        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Site.Hits("/f/news-list.html"));
    }

    [Fact]
    public async Task FetchAsync_HostNameResolvingToLoopbackThroughProxy_IsRefusedBeforeSending()
    {
        // The test site serves absolute-form requests too, so it would act as an open proxy for anything sent to it.
        using var fetcher = SourceSiteFixture.Fetcher(o => (o.AllowList, o.Proxy) = ([], Site.BaseUrl.AbsoluteUri));
        var url = new Uri($"http://localhost:{Site.BaseUrl.Port}/f/news-list.html");
        var before = Site.Hits("/f/news-list.html");

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(url, null, CancellationToken.None));

        Assert.Equal(FetchFailureKind.Blocked, error.Kind);
        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Site.Hits("/f/news-list.html"));
    }

    [Fact]
    public async Task FetchAsync_AllowListedHostThroughProxy_IsFetchedViaProxy()
    {
        using var fetcher = SourceSiteFixture.Fetcher(o => (o.AllowList, o.Proxy) = (["localhost"], Site.BaseUrl.AbsoluteUri));
        var url = new Uri($"http://localhost:{Site.BaseUrl.Port}/f/news-list.html");
        var before = Site.Hits("/f/news-list.html");

        var page = await fetcher.FetchAsync(url, null, CancellationToken.None);

        Assert.Equal(200, page.StatusCode);
        Assert.Equal(before + 1, Site.Hits("/f/news-list.html"));
    }

    [Fact]
    public async Task FetchAsync_RedirectFromAllowedHostToBlockedAddress_IsRefused()
    {
        using var fetcher = SourceSiteFixture.Fetcher(o => o.AllowList = ["localhost"]);
        var target = Uri.EscapeDataString($"http://127.0.0.1:{Site.BaseUrl.Port}/f/article.html");
        var url = new Uri($"http://localhost:{Site.BaseUrl.Port}/redirect?to={target}");
        var (redirects, articles) = (Site.Hits("/redirect"), Site.Hits("/f/article.html"));

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(url, null, CancellationToken.None));

        Assert.Equal(FetchFailureKind.Blocked, error.Kind);
        Assert.Equal(redirects + 1, Site.Hits("/redirect"));
        Assert.Equal(articles, Site.Hits("/f/article.html"));
    }

    [Fact]
    public async Task FetchAsync_RedirectToFileScheme_IsRefused()
    {
        using var fetcher = SourceSiteFixture.Fetcher();

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            fetcher.FetchAsync(Site.Url("/redirect?to=file:///etc/passwd"), null, CancellationToken.None));

        Assert.Equal(FetchFailureKind.Blocked, error.Kind);
    }

    [Fact]
    public async Task FetchAsync_AllowListedLoopback_FetchesAfterRedirects()
    {
        using var fetcher = SourceSiteFixture.Fetcher();

        var result = await fetcher.FetchAsync(Site.Url("/chain/3"), null, CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.EndsWith("/f/news-list.html", result.FinalUrl.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_SixRedirects_StopsAtFive()
    {
        using var fetcher = SourceSiteFixture.Fetcher();

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Site.Url("/chain/6"), null, CancellationToken.None));

        Assert.Equal(FetchFailureKind.TooManyRedirects, error.Kind);
    }

    [Fact]
    public async Task FetchAsync_StoredETag_GetsNotModified()
    {
        using var fetcher = SourceSiteFixture.Fetcher();
        var first = await fetcher.FetchAsync(Site.Url("/etag"), null, CancellationToken.None);

        var second = await fetcher.FetchAsync(Site.Url("/etag"), new FetchValidators(first.ETag, first.LastModified), CancellationToken.None);

        Assert.Equal("\"v1\"", first.ETag);
        Assert.True(second.NotModified);
        Assert.Empty(second.Body);
    }

    [Fact]
    public async Task FetchAsync_SlowDrip_AbortsAtTimeout()
    {
        using var fetcher = SourceSiteFixture.Fetcher(o => o.Timeout = TimeSpan.FromMilliseconds(700));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Site.Url("/slow"), null, CancellationToken.None));

        Assert.Equal(FetchFailureKind.Timeout, error.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), clock.Elapsed.ToString());
    }

    [Theory]
    [InlineData("/endless")]
    [InlineData("/bomb")]
    public async Task FetchAsync_BodyOverCap_AbortsWithinCap(string path)
    {
        using var fetcher = SourceSiteFixture.Fetcher(o => o.MaxResponseBytes = 1024 * 1024);
        var before = GC.GetTotalAllocatedBytes();

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Site.Url(path), null, CancellationToken.None));

        Assert.Equal(FetchFailureKind.TooLarge, error.Kind);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 64L * 1024 * 1024, "memory stayed bounded");
    }

    [Fact]
    public async Task FetchAsync_HttpError_SaysStatus()
    {
        using var fetcher = SourceSiteFixture.Fetcher();

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Site.Url("/f/missing.html"), null, CancellationToken.None));

        Assert.Equal(FetchFailureKind.HttpStatus, error.Kind);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_MinInterval_SpacesRequestsToOneHost()
    {
        using var fetcher = SourceSiteFixture.Fetcher(o => o.MinIntervalPerHost = TimeSpan.FromMilliseconds(150));
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fetcher.FetchAsync(Site.Url("/f/atom.xml"), null, CancellationToken.None)));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), clock.Elapsed.ToString());
    }
}
