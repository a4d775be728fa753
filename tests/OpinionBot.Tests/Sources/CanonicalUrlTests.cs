using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class CanonicalUrlTests
{
    [Theory]
    [InlineData("/news/1.html#comments", "http://news.example.invalid/news/1.html")]
    [InlineData("HTTP://NEWS.Example.INVALID:80/a?utm_source=x&id=3&utm_medium=y", "http://news.example.invalid/a?id=3")]
    [InlineData("https://news.example.invalid:443/a?spm=a1.b2&fbclid=zz", "https://news.example.invalid/a")]
    [InlineData("https://news.example.invalid:8443/a?b=2&a=1", "https://news.example.invalid:8443/a?b=2&a=1")]
    [InlineData("forum.php?mod=viewthread&tid=1203&extra=page%3D2", "http://news.example.invalid/list/forum.php?mod=viewthread&tid=1203")]
    [InlineData("/p/8812?fr=frs", "http://news.example.invalid/p/8812")]
    [InlineData("../b/2.html?", "http://news.example.invalid/b/2.html")]
    [InlineData("//cdn.example.invalid/x", "http://cdn.example.invalid/x")]
    public void From_Link_GivesCanonicalForm(string href, string expected) =>
        Assert.Equal(expected, CanonicalUrl.From(href, new Uri("http://news.example.invalid/list/index.html")));

    [Theory]
    [InlineData("javascript:void(0)")]
    [InlineData("mailto:a@example.invalid")]
    [InlineData("#top")]
    [InlineData("")]
    [InlineData("ftp://example.invalid/file")]
    public void From_NonWebLink_GivesNull(string href) =>
        Assert.Null(CanonicalUrl.From(href, new Uri("http://news.example.invalid/")));
}
