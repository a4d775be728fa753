using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class FeedExtractorTests
{
    private static FeedExtraction Read(string fixture, string url) =>
        FeedExtractor.Extract(SourceFixtures.Text(fixture, DocumentKind.Xml), new Uri(url), SourceFixtures.China, SourceFixtures.Now);

    [Fact]
    public void Extract_Gb2312Rss_ReadsContentEncodedAsText()
    {
        var result = Read("rss2.gb2312.xml", "http://news.example.invalid/rss.xml");

        Assert.Equal("rss 2.0", result.Format);
        Assert.Equal(2, result.Items.Count);
        var first = result.Items[0];
        Assert.Equal("县医院开通夜间门诊", first.Title);
        Assert.Equal("http://news.example.invalid/a/201.html", first.Url);
        Assert.Equal("县医院今起开通夜间门诊。\n时间为每晚六点至九点。", first.Text);
        Assert.Equal("记者甲", first.Author);
        Assert.Equal(new DateTimeOffset(2024, 5, 20, 11, 53, 0, TimeSpan.FromHours(8)), first.Published);
        Assert.Equal("http://news.example.invalid/a/200.html", result.Items[1].Url);
    }

    [Fact]
    public void Extract_Atom_UsesAlternateLinkAndXmlBase()
    {
        var result = Read("atom.xml", "http://blog.example.invalid/feed.atom");

        Assert.Equal("atom 1.0", result.Format);
        Assert.Equal("关于停水的通知", result.Items[0].Title);
        Assert.Equal("http://blog.example.invalid/posts/1", result.Items[0].Url);
        Assert.Equal("5月21日城区部分地区停水。", result.Items[0].Text);
        Assert.Equal("水务局", result.Items[0].Author);
        Assert.Equal(new DateTimeOffset(2024, 5, 19, 8, 0, 0, TimeSpan.Zero), result.Items[1].Published);
    }

    [Fact]
    public void Extract_Rss1_ReadsRdfItems()
    {
        var result = Read("rss1.rdf", "http://rdf.example.invalid/rss");

        Assert.Equal("rss 1.0", result.Format);
        Assert.Equal(["第一条", "第二条"], result.Items.Select(i => i.Title));
    }

    [Fact]
    public void Extract_JsonFeed_ReadsItemsAndFallsBackToTextForTitle()
    {
        var result = Read("feed.json", "https://json.example.invalid/feed.json");

        Assert.Equal("json feed", result.Format);
        Assert.Equal("JSON 第一条", result.Items[0].Title);
        Assert.Equal("正文一", result.Items[0].Text);
        Assert.Equal("编辑", result.Items[0].Author);
        Assert.Equal("没有标题的条目正文", result.Items[1].Title);
    }

    [Fact]
    public void Extract_BrokenXml_KeepsWhatParsesAndWarns()
    {
        var result = Read("broken-rss.xml", "http://broken.example.invalid/rss");

        Assert.True(result.Items.Count >= 2);
        Assert.Equal("Fish & chips news", result.Items[0].Title);
        Assert.Equal("http://broken.example.invalid/1?a=1&b=2", result.Items[0].Url);
        Assert.Contains(result.Warnings, w => w.Contains("leniently", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("<html><body>not a feed</body></html>", "not a feed")]
    [InlineData("{\"a\":1}", "not a JSON Feed")]
    [InlineData("{broken", "not valid JSON")]
    public void Extract_NotAFeed_GivesOneLineReason(string text, string reason)
    {
        var result = FeedExtractor.Extract(text, new Uri("http://x.example.invalid/"), SourceFixtures.China, SourceFixtures.Now);

        Assert.Empty(result.Items);
        Assert.Contains(reason, result.Problem, StringComparison.Ordinal);
    }
}
