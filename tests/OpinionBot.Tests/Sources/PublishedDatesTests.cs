using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class PublishedDatesTests
{
    // "now" is 2024-05-20 12:01 in Asia/Shanghai (04:01 UTC).
    [Theory]
    [InlineData("Mon, 20 May 2024 11:53:00 +0800", "2024-05-20T11:53:00+08:00")]
    [InlineData("Mon, 20 May 2024 03:53:00 GMT", "2024-05-20T03:53:00+00:00")]
    [InlineData("20 May 2024 11:53 CST", "2024-05-20T11:53:00+08:00")]
    [InlineData("Sun, 19 May 24 08:00:00 EST", "2024-05-19T08:00:00-05:00")]
    [InlineData("2024-05-20T11:53:00+08:00", "2024-05-20T11:53:00+08:00")]
    [InlineData("2024-05-20T03:53:00Z", "2024-05-20T03:53:00+00:00")]
    [InlineData("2024-05-20T11:53:00.123+0800", "2024-05-20T11:53:00.123+08:00")]
    [InlineData("2024-05-20 11:53", "2024-05-20T11:53:00+08:00")]
    [InlineData("2024-5-20 11:53:20", "2024-05-20T11:53:20+08:00")]
    [InlineData("2024/5/20", "2024-05-20T00:00:00+08:00")]
    [InlineData("2024.05.20", "2024-05-20T00:00:00+08:00")]
    [InlineData("2024年5月20日 11:53", "2024-05-20T11:53:00+08:00")]
    [InlineData("2024年5月20日", "2024-05-20T00:00:00+08:00")]
    [InlineData("发表于 2024-5-20 11:53", "2024-05-20T11:53:00+08:00")]
    [InlineData("05-20 11:53", "2024-05-20T11:53:00+08:00")]
    [InlineData("5月18日 22:07", "2024-05-18T22:07:00+08:00")]
    [InlineData("12-30 10:00", "2023-12-30T10:00:00+08:00")]
    [InlineData("今天 08:10", "2024-05-20T08:10:00+08:00")]
    [InlineData("昨天 10:21", "2024-05-19T10:21:00+08:00")]
    [InlineData("昨天&nbsp;21:40", "2024-05-19T21:40:00+08:00")]
    [InlineData("前天", "2024-05-18T00:00:00+08:00")]
    [InlineData("3分钟前", "2024-05-20T11:58:00+08:00")]
    [InlineData("3 分钟前", "2024-05-20T11:58:00+08:00")]
    [InlineData("1小时前", "2024-05-20T11:01:00+08:00")]
    [InlineData("半小时前", "2024-05-20T11:31:00+08:00")]
    [InlineData("2天前", "2024-05-18T12:01:00+08:00")]
    [InlineData("30秒前", "2024-05-20T12:00:30+08:00")]
    [InlineData("刚刚", "2024-05-20T12:01:00+08:00")]
    public void Parse_KnownForm_GivesTimeInSourceZone(string text, string expected)
    {
        var parsed = PublishedDates.Parse(text.Replace("&nbsp;", "\u00A0", StringComparison.Ordinal), SourceFixtures.China, SourceFixtures.Now);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("很久以前")]
    [InlineData("2024-13-45")]
    [InlineData("Foo, 99 Bar 2024")]
    public void Parse_UnknownForm_GivesNull(string text) =>
        Assert.Null(PublishedDates.Parse(text, SourceFixtures.China, SourceFixtures.Now));

    [Fact]
    public void Parse_LocalTimeInOtherZone_UsesThatZone()
    {
        var berlin = TimeZones.Resolve("Europe/Berlin");

        var parsed = PublishedDates.Parse("2024-05-20 11:53", berlin, SourceFixtures.Now);

        Assert.Equal(TimeSpan.FromHours(2), parsed!.Value.Offset);
    }
}
