using System.Text;
using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class TextDecoderTests
{
    static TextDecoderTests() => EncodingNames.Register();

    [Fact]
    public void Decode_GbkPageWithMetaCharset_ReadsChinese()
    {
        var decoded = TextDecoder.Decode(SourceFixtures.Bytes("discuz-board.gbk.html"), null, DocumentKind.Html);

        Assert.Equal("GB18030", decoded.Encoding);
        Assert.Contains("县医院挂号排队三小时", decoded.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', decoded.Text);
    }

    [Fact]
    public void Decode_PageDeclaringGb2312ButSendingUtf8_ReadsUtf8()
    {
        var decoded = TextDecoder.Decode(SourceFixtures.Bytes("lying-gb2312.html"), "gb2312", DocumentKind.Html);

        Assert.Equal("UTF-8", decoded.Encoding);
        Assert.True(decoded.DeclarationOverruled);
        Assert.Contains("街道办回应居民噪音投诉", decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Big5WithoutDeclaration_DetectsBig5()
    {
        var decoded = TextDecoder.Decode(SourceFixtures.Bytes("big5-nodecl.html"), null, DocumentKind.Html);

        Assert.Equal("Big5", decoded.Encoding);
        Assert.Contains("學校的新聞", decoded.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(936, "gbk")]
    [InlineData(54936, "gb18030")]
    [InlineData(950, "big5")]
    [InlineData(932, "shift_jis")]
    [InlineData(949, "euc-kr")]
    [InlineData(1200, "utf-16")]
    [InlineData(1201, "utf-16be")]
    [InlineData(12000, "utf-32")]
    public void Decode_DeclaredEncoding_RoundTrips(int codePage, string label)
    {
        var text = codePage switch
        {
            932 => "<p>日本語のテキストです。東京都</p>",
            949 => "<p>한국어 텍스트입니다. 서울시</p>",
            950 => "<p>這是學校的新聞</p>",
            _ => "<p>县医院夜间门诊开通</p>",
        };
        var bytes = Encoding.GetEncoding(codePage).GetBytes(text);

        var decoded = TextDecoder.Decode(bytes, label, DocumentKind.Html);

        Assert.Null(decoded.Problem);
        Assert.Equal(text, decoded.Text);
    }

    [Fact]
    public void Decode_Utf16WithBom_IgnoresWrongHttpCharset()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<p>舆情</p>")).ToArray();

        var decoded = TextDecoder.Decode(bytes, "gbk", DocumentKind.Html);

        Assert.Equal("<p>舆情</p>", decoded.Text);
    }

    [Fact]
    public void Decode_XmlDeclaration_IsUsedWhenHttpSaysNothing()
    {
        var bytes = Encoding.GetEncoding(54936).GetBytes("<?xml version=\"1.0\" encoding=\"gb2312\"?><rss><title>新闻</title></rss>");

        var decoded = TextDecoder.Decode(bytes, null, DocumentKind.Xml);

        Assert.Equal("GB18030", decoded.Encoding);
        Assert.Contains("新闻", decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RandomBytes_SaysItCannotDecodeInsteadOfMojibake()
    {
        var random = new Random(7);
        var bytes = new byte[4000];
        random.NextBytes(bytes);

        var decoded = TextDecoder.Decode(bytes, "utf-8", DocumentKind.Html);

        Assert.True(decoded.Failed, decoded.Encoding);
        Assert.Equal("", decoded.Text);
    }
}
