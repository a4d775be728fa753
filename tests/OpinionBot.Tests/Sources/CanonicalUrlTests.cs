using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class CanonicalUrlTests
{
    [Theory]
    [InlineData("/news/1.html#comments", "http://news.example.test/news/1.html")]
    [InlineData("HTTP://NEWS.Example.TEST:80/a?utm_source=x&id=3&utm_medium=y", "http://news.example.test/a?id=3")]
    [InlineData("https://news.example.test:443/a?spm=a1.b2&fbclid=zz", "https://news.example.test/a")]
    [InlineData("https://news.example.test:8443/a?b=2&a=1", "https://news.example.test:8443/a?b=2&a=1")]
    [InlineData("forum.php?mod=viewthread&tid=1203&extra=page%3D2", "http://news.example.test/list/forum.php?mod=viewthread&tid=1203")]
    [InlineData("/p/8812?fr=frs", "http://news.example.test/p/8812")]
    [InlineData("../b/2.html?", "http://news.example.test/b/2.html")]
    [InlineData("//cdn.example.test/x", "http://cdn.example.test/x")]
    public void From_Link_GivesCanonicalForm(string href, string expected) =>
        Assert.Equal(expected, CanonicalUrl.From(href, new Uri("http://news.example.test/list/index.html")));

    [Theory]
    [InlineData("javascript:void(0)")]
    [InlineData("mailto:a@example.test")]
    [InlineData("#top")]
    [InlineData("")]
    [InlineData("ftp://example.test/file")]
    public void From_NonWebLink_GivesNull(string href) =>
        Assert.Null(CanonicalUrl.From(href, new Uri("http://news.example.test/")));
}
