using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class SourceReaderTests(SourceSiteFixture fixture) : IClassFixture<SourceSiteFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sources-").FullName;
    private SourceTestSite Site => fixture.Site;

    private (SourceReader Reader, SafeFetcher Fetcher, OpinionDatabase Db) Create()
    {
        var db = TestDatabases.Open(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));
        var fetcher = SourceSiteFixture.Fetcher();
        var reader = new SourceReader(fetcher, Options.Create(new FetchingOptions { MinIntervalPerHost = TimeSpan.Zero }),
            TimeProvider.System, NullLogger<SourceReader>.Instance, new StoredFetchMemory(db));
        return (reader, fetcher, db);
    }

    [Fact]
    public async Task ReadAsync_GbkBoardOverHttp_ReadsThreads()
    {
        var (reader, fetcher, db) = Create();
        using var _ = fetcher;
        using var __ = db;
        var source = new SourceDefinition { Name = "board", Kind = SourceKinds.Html, Url = Site.Url("/board").AbsoluteUri, Selectors = SourceFixtures.Discuz };

        var reading = await reader.ReadAsync(source, [], CancellationToken.None);

        Assert.Equal("GB18030", reading.Encoding);
        Assert.Equal(4, reading.Items.Count);
        Assert.Contains(reading.Items, i => i.Title == "县医院挂号排队三小时，投诉无门");
        Assert.False(reading.SelectorsFoundNothing);
    }

    [Fact]
    public async Task ReadAsync_SecondReadWithETag_IsNotModified()
    {
        var (reader, fetcher, db) = Create();
        using var _ = fetcher;
        using var __ = db;
        var source = new SourceDefinition { Name = "etag", Kind = SourceKinds.Html, Url = Site.Url("/etag").AbsoluteUri, Selectors = SourceFixtures.News };

        var first = await reader.ReadAsync(source, [], CancellationToken.None);
        first.Commit?.Invoke();
        var second = await reader.ReadAsync(source, [], CancellationToken.None);

        Assert.Equal(3, first.Items.Count);
        Assert.True(second.NotModified);
    }

    [Fact]
    public async Task ReadAsync_PreviousReadNotCommitted_ReadsThePageAgain()
    {
        var (reader, fetcher, db) = Create();
        using var _ = fetcher;
        using var __ = db;
        var source = new SourceDefinition { Name = "etag", Kind = SourceKinds.Html, Url = Site.Url("/etag").AbsoluteUri, Selectors = SourceFixtures.News };

        // The intake of the first read failed, so it was never committed: the next poll must not send If-None-Match.
        var failed = await reader.ReadAsync(source, [], CancellationToken.None);
        var retried = await reader.ReadAsync(source, [], CancellationToken.None);
        retried.Commit?.Invoke();
        var after = await reader.ReadAsync(source, [], CancellationToken.None);

        Assert.NotNull(failed.Commit);
        Assert.False(retried.NotModified);
        Assert.Equal(3, retried.Items.Count);
        Assert.True(after.NotModified);
    }

    [Fact]
    public async Task ReadAsync_SearchWithGbkSite_EncodesKeywordInGbk()
    {
        var (reader, fetcher, db) = Create();
        using var _ = fetcher;
        using var __ = db;
        var source = new SourceDefinition
        {
            Name = "search",
            Kind = SourceKinds.Search,
            Encoding = "gbk",
            Url = Site.BaseUrl.AbsoluteUri + "search?q={keyword}&type=thread",
            Selectors = new SourceSelectors { Item = ".results li", Time = ".time" },
        };

        var reading = await reader.ReadAsync(source, ["医院", "停水"], CancellationToken.None);

        Assert.Equal(["关于医院的帖子", "关于停水的帖子"], reading.Items.Select(i => i.Title));
        Assert.All(reading.Items, i => Assert.NotNull(i.Published));
    }

    [Fact]
    public async Task ReadAsync_FeedKinds_ReadEveryFormat()
    {
        var (reader, fetcher, db) = Create();
        using var _ = fetcher;
        using var __ = db;

        foreach (var (name, count) in new[] { ("rss2.gb2312.xml", 2), ("atom.xml", 2), ("rss1.rdf", 2), ("feed.json", 2), ("broken-rss.xml", 3) })
        {
            var source = new SourceDefinition { Name = name, Kind = SourceKinds.Feed, Url = Site.Url($"/f/{name}").AbsoluteUri };
            var reading = await reader.ReadAsync(source, [], CancellationToken.None);
            Assert.True(reading.Items.Count >= count - 1, $"{name}: {reading.Items.Count}");
        }
    }

    [Fact]
    public async Task ReadAsync_FollowLinks_ReadsArticleText()
    {
        var (reader, fetcher, db) = Create();
        using var _ = fetcher;
        using var __ = db;
        var list = Uri.EscapeDataString("<ul class=\"l\"><li><a href=\"/f/article.html\">医院排队</a></li></ul>");
        var source = new SourceDefinition
        {
            Name = "follow",
            Kind = SourceKinds.Html,
            FollowLinks = true,
            Url = Site.Url($"/text?body={list}").AbsoluteUri,
            Selectors = new SourceSelectors { Item = "ul.l li" },
        };

        var reading = await reader.ReadAsync(source, [], CancellationToken.None);

        Assert.Contains("自助挂号机故障", reading.Items.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_FeedUrlServingHtml_FailsWithReason()
    {
        var (reader, fetcher, db) = Create();
        using var _ = fetcher;
        using var __ = db;
        var source = new SourceDefinition { Name = "x", Kind = SourceKinds.Feed, Url = Site.Url("/f/article.html").AbsoluteUri };

        var error = await Assert.ThrowsAsync<FetchException>(() => reader.ReadAsync(source, [], CancellationToken.None));

        Assert.Equal(FetchFailureKind.Unreadable, error.Kind);
        Assert.Contains("not a feed", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
