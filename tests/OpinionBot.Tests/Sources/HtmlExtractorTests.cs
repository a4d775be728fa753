using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class HtmlExtractorTests
{
    private static readonly Uri BoardUrl = new("http://bbs.example.invalid/forum.php?mod=forumdisplay&fid=2");

    private static ListExtraction Read(string fixture, SourceSelectors selectors, Uri page) =>
        HtmlExtractor.ExtractList(SourceFixtures.Text(fixture), page, selectors, SourceFixtures.China, SourceFixtures.Now);

    [Fact]
    public void ExtractList_DiscuzBoard_ReadsThreadsWithFullDatesFromTitles()
    {
        var result = Read("discuz-board.gbk.html", SourceFixtures.Discuz, BoardUrl);

        Assert.Equal(4, result.Items.Count);
        var thread = result.Items.Single(i => i.Url == "http://bbs.example.invalid/forum.php?mod=viewthread&tid=1203");
        Assert.Equal("县医院挂号排队三小时，投诉无门", thread.Title);
        Assert.Equal(new DateTimeOffset(2024, 5, 20, 11, 53, 0, TimeSpan.FromHours(8)), thread.Published);
        Assert.Equal("市民王先生", thread.Author);
        Assert.Equal(12, thread.Replies);
        Assert.Equal(345, thread.Views);
        Assert.Equal(12_000, result.Items.Single(i => i.Title.Contains("版规", StringComparison.Ordinal)).Views);
        Assert.Equal(2048, result.Items.Single(i => i.Url.EndsWith("1201", StringComparison.Ordinal)).Views);
    }

    [Fact]
    public void ExtractList_NextPageWithStickyAndMovedThread_GivesSameUrlsForSamePosts()
    {
        var first = Read("discuz-board.gbk.html", SourceFixtures.Discuz, BoardUrl).Items.Select(i => i.Url).ToHashSet();

        var second = Read("discuz-board-page2.gbk.html", SourceFixtures.Discuz, new Uri(BoardUrl + "&page=2")).Items;

        var news = second.Where(i => !first.Contains(i.Url)).Select(i => i.Title).ToList();
        Assert.Equal(["菜市场摊位费上涨引发不满"], news);
    }

    [Fact]
    public void ExtractList_TiebaList_ReadsRelativeAndShortDates()
    {
        var result = Read("tieba-list.html", SourceFixtures.Tieba, new Uri("https://tieba.example.invalid/f?kw=x"));

        Assert.Equal(4, result.Items.Count);
        var water = result.Items.Single(i => i.Url == "https://tieba.example.invalid/p/8812");
        Assert.Equal(new DateTimeOffset(2024, 5, 20, 8, 10, 0, TimeSpan.FromHours(8)), water.Published);
        Assert.Equal("从早上七点停到现在，也没有通知", water.Text);
        Assert.Equal(27, water.Replies);
        Assert.Equal(new DateTimeOffset(2024, 5, 18, 22, 7, 0, TimeSpan.FromHours(8)),
            result.Items.Single(i => i.Url.EndsWith("8799", StringComparison.Ordinal)).Published);
        Assert.Equal(15_000, result.Items.Single(i => i.Url.EndsWith("8790", StringComparison.Ordinal)).Replies);
        Assert.Contains(result.Warnings, w => w.Contains("很久以前", StringComparison.Ordinal));
    }

    [Fact]
    public void ExtractList_NewsList_ResolvesRelativeLinksAndDropsTracking()
    {
        var result = Read("news-list.html", SourceFixtures.News, new Uri("http://news.example.invalid/news/2024/index.html"));

        Assert.Equal(
            ["http://news.example.invalid/news/2024/0520/101.html", "http://news.example.invalid/news/2024/0519/100.html",
             "https://news.example.invalid/news/2024/0518/99.html"],
            result.Items.Select(i => i.Url));
        Assert.Equal("会议部署今年汛期各项工作。", result.Items[0].Text);
        Assert.Equal(new DateTimeOffset(2024, 5, 19, 0, 0, 0, TimeSpan.FromHours(8)), result.Items[1].Published);
    }

    [Fact]
    public void ExtractList_RedesignedPage_MatchesNoItems()
    {
        var result = Read("discuz-redesign.html", SourceFixtures.Discuz, BoardUrl);

        Assert.Empty(result.Items);
        Assert.Equal(0, result.ItemNodes);
        Assert.Null(result.Problem);
    }

    [Fact]
    public void ExtractList_InvalidSelector_SaysSo()
    {
        var result = Read("news-list.html", new SourceSelectors { Item = "li[[" }, new Uri("http://news.example.invalid/"));

        Assert.Contains("not valid CSS", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractContent_WithoutSelector_FindsArticleText()
    {
        var text = HtmlExtractor.ExtractContent(SourceFixtures.Text("article.html"), null);

        Assert.Contains("自助挂号机故障", text, StringComparison.Ordinal);
        Assert.DoesNotContain("版权所有", text, StringComparison.Ordinal);
        Assert.DoesNotContain("推荐一", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractContent_WithSelector_UsesIt()
    {
        var text = HtmlExtractor.ExtractContent(SourceFixtures.Text("article.html"), ".footer");

        Assert.Equal("版权所有 本地新闻网", text);
    }
}
