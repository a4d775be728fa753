using OpinionBot.Reports;
using Xunit;

namespace OpinionBot.Tests.Reports;

public sealed class TelegramTextTests
{
    [Fact]
    public void Split_ShortText_OneMessageUnchanged() =>
        Assert.Equal(["<b>日报</b>\n一行"], TelegramText.Split("<b>日报</b>\n一行"));

    [Fact]
    public void Split_ManyParagraphs_CutsAtParagraphsUnderTheLimit()
    {
        var paragraphs = Enumerable.Range(1, 60).Select(i => $"<b>第 {i} 段</b>\n" + string.Concat(Enumerable.Repeat("舆情内容。", 30)));
        var text = string.Join("\n\n", paragraphs);

        var parts = TelegramText.Split(text);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= TelegramText.MessageLimit));
        Assert.All(parts, p => Assert.StartsWith("<b>第 ", p));
        Assert.Equal(text.Replace("\n", "", StringComparison.Ordinal), string.Concat(parts).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Split_OneHugeLineInsideBold_ClosesAndReopensTheTag()
    {
        var text = "<b>" + string.Join(" ", Enumerable.Repeat("word", 2000)) + "</b>";

        var parts = TelegramText.Split(text, 1000);

        Assert.True(parts.Count >= 10);
        Assert.All(parts, p => Assert.True(p.Length <= 1000));
        Assert.All(parts, p => Assert.StartsWith("<b>", p));
        Assert.All(parts, p => Assert.EndsWith("</b>", p));
    }

    [Fact]
    public void Split_NoBreaksAtAll_NeverCutsEntitiesOrSurrogates()
    {
        var text = string.Concat(Enumerable.Repeat("&amp;😀<i>x</i>", 600));

        var parts = TelegramText.Split(text, 500);

        Assert.All(parts, p => Assert.True(p.Length <= 500));
        Assert.All(parts, p => Assert.False(char.IsLowSurrogate(p[0]) || char.IsHighSurrogate(p[^1])));
        Assert.All(parts, p => Assert.DoesNotContain("&am<", p));
        Assert.Equal(text, string.Concat(parts).Replace("<i></i>", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://a.example.invalid/t?x=1&y=<2>", "标题", "<a href=\"https://a.example.invalid/t?x=1&amp;y=%3C2%3E\">标题</a>")]
    [InlineData("javascript:alert(1)", "<坏>", "&lt;坏&gt;")]
    public void Link_Url_OnlyHttpBecomesALink(string url, string label, string expected) =>
        Assert.Equal(expected, TelegramText.Link(url, label));
}
