using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Matching;

public sealed class TopicMatcherTests
{
    [Theory]
    // Plain keywords: any of them, case- and width-insensitive.
    [InlineData("投诉|医院", "", "市医院收费乱象", true)]
    [InlineData("投诉|医院", "", "学校食堂问题", false)]
    [InlineData("ABC123", "", "网友曝光ａｂｃ１２３公司", true)]
    [InlineData("ａｂｃ", "", "the ABC company", true)]
    // Evasions: whitespace and punctuation inside Chinese words.
    [InlineData("投诉", "", "我要投 诉这家医院", true)]
    [InlineData("投诉", "", "我要投-诉这家医院", true)]
    [InlineData("投诉", "", "我要投　诉、这家医院", true)]
    [InlineData("拖欠工资", "", "老板拖.欠.工.资三个月", true)]
    // Latin words match whole words; a trailing * is a prefix.
    [InlineData("ban", "", "urban renewal", false)]
    [InlineData("ban", "", "a BAN on protests", true)]
    [InlineData("complain*", "", "residents complained loudly", true)]
    [InlineData("complain", "", "residents complained loudly", false)]
    [InlineData("\"wage arrears\"", "", "Workers protest WAGE   arrears", true)]
    [InlineData("\"wage arrears\"", "", "wage and arrears", false)]
    // AND / NOT / the Chinese operators.
    [InlineData("(医院|卫生院)+(投诉|曝光|维权)-招聘", "", "卫生院被曝光乱收费", true)]
    [InlineData("(医院|卫生院)+(投诉|曝光|维权)-招聘", "", "卫生院招聘护士，欢迎投诉", false)]
    [InlineData("(医院|卫生院)+(投诉|曝光|维权)-招聘", "", "卫生院开放日", false)]
    [InlineData("医院 AND NOT 招聘", "", "医院门口", true)]
    // NEAR: characters for Chinese, words for Latin.
    [InlineData("医院 NEAR/3 投诉", "", "医院遭患者投诉", true)]
    [InlineData("医院 NEAR/3 投诉", "", "医院今天上午遭到多名患者投诉", false)]
    [InlineData("投诉 NEAR/3 医院", "", "医院遭患者投诉", true)]
    [InlineData("hospital NEAR/2 complaint*", "", "the hospital got angry complaints", true)]
    [InlineData("hospital NEAR/2 complaint*", "", "the hospital got many angry complaints", false)]
    [InlineData("医院 NEAR/0 投诉", "", "医院投诉热线", true)]
    [InlineData("(医院|学校) NEAR/2 (打人|殴打)", "", "学校保安殴打家长", true)]
    public void Match_RuleOverTitle_MatchesAsExpected(string rule, string exclude, string title, bool expected)
    {
        var matcher = Matcher(new TopicDefinition { Name = "t", Rule = rule, Exclude = Split(exclude) });

        Assert.Equal(expected, matcher.Match(new SourceItem("u", title, "", null)).Count == 1);
    }

    [Theory]
    [InlineData("title:投诉", "医院投诉", "", true)]
    [InlineData("title:投诉", "医院", "有人投诉", false)]
    [InlineData("text:投诉", "医院投诉", "", false)]
    [InlineData("text:投诉", "医院", "有人投诉", true)]
    [InlineData("title:医院 + 正文:投诉", "市医院", "有人投诉", true)]
    [InlineData("title:医院 + 正文:投诉", "有人投诉", "市医院", false)]
    [InlineData("投诉", "医院", "有人投诉", true)]
    // NEAR never spans the title and the text.
    [InlineData("医院 NEAR/5 投诉", "市医院", "投诉", false)]
    public void Match_ScopedRule_LooksInTheRightField(string rule, string title, string text, bool expected)
    {
        var matcher = Matcher(new TopicDefinition { Name = "t", Rule = rule });

        Assert.Equal(expected, matcher.Match(new SourceItem("u", title, text, null)).Count == 1);
    }

    [Theory]
    [InlineData("苹果", "苹果手机,苹果公司", "果农的苹果滞销", true)]
    [InlineData("苹果", "苹果手机,苹果公司", "苹果 公司发布新品", false)]
    [InlineData("苹果", "苹果手机,苹果公司", "我买的苹果手机坏了", false)]
    public void Match_ExcludeWord_SuppressesTopic(string keywords, string exclude, string title, bool expected)
    {
        var matcher = Matcher(new TopicDefinition { Name = "t", Keywords = Split(keywords), Exclude = Split(exclude) });

        Assert.Equal(expected, matcher.Match(new SourceItem("u", title, "", null)).Count == 1);
    }

    [Fact]
    public void Match_ManyTopics_ReportsEachWithItsWordsGradeAndDepartment()
    {
        var matcher = Matcher(
            new TopicDefinition { Name = "医院投诉", Keywords = ["医院"], Rule = "卫生院+投诉", Grade = Grade.Larger, Department = "卫健局" },
            new TopicDefinition { Name = "欠薪", Keywords = ["拖欠工资", "欠薪"] },
            new TopicDefinition { Name = "学校", Keywords = ["学校"] });

        var matches = matcher.Match(new SourceItem("u", "卫生院护士被拖欠工资后投诉", "另有医院同样欠薪", null));

        Assert.Equal(["医院投诉", "欠薪"], matches.Select(m => m.Topic));
        Assert.Equal(["卫生院", "投诉", "医院"], matches[0].Keywords);
        Assert.Equal(Grade.Larger, matches[0].Grade);
        Assert.Equal("卫健局", matches[0].Department);
        Assert.Equal(["拖欠工资", "欠薪"], matches[1].Keywords);
    }

    [Fact]
    public void Match_KeywordsOnlyTopic_KeepsWorkingAsAnyOfThese()
    {
        var matcher = new TopicMatcher([new TopicDefinition { Name = "医院投诉", Keywords = ["医院", "投诉"] }]);

        var match = Assert.Single(matcher.Match(new SourceItem("u", "某某医院", "", null)));

        Assert.Equal(new[] { "医院" }, match.Keywords);
    }

    [Fact]
    public void ReplaceWatches_WatchedIncidentTerms_MatchWhenEnoughTermsAppear()
    {
        var matcher = Matcher(new TopicDefinition { Name = "欠薪", Keywords = ["欠薪"] });
        matcher.ReplaceWatches([new WatchTopic("重点监控 2026-0042", 42, ["城南小学", "食堂", "中毒"], MinHits: 2)]);

        var hit = matcher.Match(new SourceItem("u", "城南小学食堂整改进展", "", null));
        var miss = matcher.Match(new SourceItem("u", "城南小学开学典礼", "", null));
        matcher.ReplaceWatches([]);
        var afterExpiry = matcher.Match(new SourceItem("u", "城南小学食堂整改进展", "", null));

        Assert.Equal(42, Assert.Single(hit).WatchedIncidentId);
        Assert.Equal(["城南小学", "食堂"], hit[0].Keywords);
        Assert.Empty(miss);
        Assert.Empty(afterExpiry);
    }

    private static TopicMatcher Matcher(params TopicDefinition[] topics) => new(topics);

    private static List<string> Split(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
