using System.Buffers.Binary;
using OpinionBot.Matching;
using Xunit;

namespace OpinionBot.Tests.Matching;

/// <summary>The terms story identity compares, and the decisions they drive on single pairs.</summary>
public sealed class StoryTermsTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static List<string> Keys(string text) =>
        [.. StoryTerms.Find(TextNormalizer.Normalize(text).Text).Select(t => $"{t.Kind}:{t.Key}")];

    [Theory]
    [InlineData("群众反映石桥镇红旗村垃圾无人清运", "Place:石桥|2", "Place:红旗|3")]
    [InlineData("在河东县石桥镇", "Place:河东|1", "Place:石桥|2")]
    [InlineData("青山镇卫生院医生收红包", "Place:青山|2", "Place:青山镇|5")]
    [InlineData("城东人民医院被指乱收费", "Place:城东|5")]
    [InlineData("住院十天多收三千元", "Number:3000元")]
    [InlineData("多收3000元检查费", "Number:3000元")]
    [InlineData("四十余名农民工讨薪", "Number:40人")]
    [InlineData("市民王女士反映", "Person:王f")]
    [InlineData("村民张建国反映低保被取消", "Person:张建")]
    public void Find_NamesPlacesCountsAndPersons(string text, params string[] expected)
    {
        var keys = Keys(text);
        Assert.All(expected, e => Assert.Contains(e, keys));
    }

    [Fact]
    public void Find_LeavesOutDatesWordsThatOnlyEndLikePlacesAndVagueNames()
    {
        Assert.DoesNotContain(Keys("3月5日上午8点"), k => k.StartsWith("Number", StringComparison.Ordinal));
        Assert.Empty(Keys("司机故意绕路，道路坑洼，农村和城区"));
        Assert.Equal(["VaguePlace:县|5"], Keys("昨晚县人民医院急诊"));
    }

    [Fact]
    public void LatinNames_RunsOfCapitalisedWords_WithoutArticlesOrWeekdays()
    {
        var names = LatinNames.Find("The River Road bridge closed on Monday. Patients at City General Hospital waited; the Riverside factory shut.")
            .Select(t => t.Key).ToList();

        Assert.Equal(["river road|9", "city general hospital|9", "riverside|9"], names);
    }

    [Fact]
    public void Find_SameEventReportedTwice_OneStory_SameTextInAnotherVillage_Another()
    {
        var index = new StoryIndex(TimeSpan.FromHours(48));
        var first = StoryFingerprint.Of("红旗村小卖部卖三无辣条 孩子吃了拉肚子", "石桥镇红旗村村口小卖部卖的辣条没有生产日期和厂家，村里好几个孩子吃了都拉肚子。");
        index.Add(1, first, Start);

        var repost = StoryFingerprint.Of("石桥镇红旗村小卖部三无辣条致多名孩子腹泻", "红旗村村口小卖部卖的辣条没有生产日期，好几个孩子吃了拉肚子，家长希望有关部门查一查。");
        var elsewhere = StoryFingerprint.Of("光明村小卖部卖三无辣条 孩子吃了拉肚子", "城关镇光明村村口小卖部卖的辣条没有生产日期和厂家，村里好几个孩子吃了都拉肚子。");

        Assert.Equal(1, index.Find(repost, Start.AddHours(1)));
        Assert.Null(index.Find(elsewhere, Start.AddHours(1)));
    }

    [Fact]
    public void Find_SameInstitutionDifferentEvent_TwoStories()
    {
        var index = new StoryIndex(TimeSpan.FromHours(48));
        index.Add(1, StoryFingerprint.Of("城东人民医院乱收费 住院十天多收三千元", "王女士称父亲在城东人民医院住院十天，多收检查费3000元，投诉无果。"), Start);

        var parking = StoryFingerprint.Of("城东人民医院停车难 排队一小时进不去", "每天早上城东人民医院门口排起长龙，停车场车位太少，患者家属排队一个多小时进不去。");
        Assert.Null(index.Find(parking, Start.AddHours(1)));
    }

    [Fact]
    public void Parse_StoredFingerprint_KeepsTermsAndHeadlineWords()
    {
        var fingerprint = StoryFingerprint.Of("石桥镇红旗村垃圾堆成山无人清运", "群众反映：石桥镇红旗村村口的垃圾已经一个多月没人清运，王女士说清运要3000元。");
        var parsed = StoryFingerprint.Parse(fingerprint.ToString());

        Assert.False(parsed.IsLegacy);
        Assert.Equal(fingerprint.Terms, parsed.Terms);
        Assert.Equal(fingerprint.TitleTerms, parsed.TitleTerms);
        Assert.Equal(fingerprint.TitleWords, parsed.TitleWords);
        Assert.True(StoryFingerprint.Parse("2.AAAA.x.y").IsEmpty);
    }

    [Fact]
    public void Parse_FingerprintStoredBeforeTerms_IsComparedByTextAlone()
    {
        var current = StoryFingerprint.Of("城南小学多名学生午餐后呕吐腹泻", "今天中午，城南小学多名学生在食用学校午餐后出现呕吐、腹泻症状。");
        var stored = current.ToString().Split('.')[1]; // the old format was the MinHash slots alone
        var legacy = StoryFingerprint.Parse(stored);
        var index = new StoryIndex(TimeSpan.FromHours(48));
        index.Add(9, legacy, Start);

        Assert.True(legacy.IsLegacy);
        Assert.Empty(legacy.Terms);
        Assert.Equal(9, index.Find(current, Start.AddHours(1)));
        Assert.Equal(64 * 4, Convert.FromBase64String(stored).Length);
        Assert.Equal(current.Slot(0), BinaryPrimitives.ReadUInt32LittleEndian(Convert.FromBase64String(stored)));
    }
}
