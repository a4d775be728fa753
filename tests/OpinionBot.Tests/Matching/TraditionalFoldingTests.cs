using OpinionBot.Matching;
using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Matching;

/// <summary>Traditional Chinese folds to Simplified for matching, stories and sentiment; positions still map back.</summary>
public sealed class TraditionalFoldingTests
{
    [Theory]
    [InlineData("投訴", "投诉")]
    [InlineData("醫院", "医院")]
    [InlineData("亂收費", "乱收费")]
    [InlineData("縣", "县")]
    [InlineData("鄉", "乡")]
    [InlineData("學校", "学校")]
    [InlineData("環境污染", "环境污染")]
    [InlineData("拖欠工資 討薪", "拖欠工资讨薪")]
    // Simplified text, width and case folding are untouched by the table.
    [InlineData("投诉医院", "投诉医院")]
    [InlineData("ＡＢＣ 醫院", "abc 医院")]
    public void Normalize_Traditional_FoldsToSimplified(string traditional, string simplified)
    {
        Assert.Equal(simplified, TextNormalizer.Normalize(traditional).Text);
    }

    [Fact]
    public void Normalize_KeepsOneCharacterPerCharacter_SoPositionsMapToTheOriginal()
    {
        var original = "縣醫院 被投訴";
        var normal = TextNormalizer.Normalize(original);

        Assert.Equal("县医院被投诉", normal.Text);
        var start = normal.Text.IndexOf("投诉", StringComparison.Ordinal);
        Assert.Equal("投訴", original[normal.Map[start]..(normal.Map[start + 1] + 1)]);
    }

    [Fact]
    public void Table_IsTheGeneratedOpenCcData()
    {
        var pairs = TraditionalToSimplified.Pairs().ToList();

        Assert.True(pairs.Count > 2500, $"only {pairs.Count} pairs");
        Assert.All(pairs, p => Assert.NotEqual(p.Traditional, p.Simplified));
    }

    [Fact]
    public void Match_TraditionalItem_MatchesSimplifiedKeywordsAndRules()
    {
        var matcher = new TopicMatcher(
        [
            new TopicDefinition { Name = "医院投诉", Keywords = ["投诉", "医院"] },
            new TopicDefinition { Name = "乱收费", Rule = "(医院|卫生院)+乱收费" },
        ]);

        var matches = matcher.Match(new SourceItem("u", "縣醫院被投訴亂收費", "", null));

        Assert.Equal(["医院投诉", "乱收费"], matches.Select(m => m.Topic));
    }

    [Fact]
    public void Match_TraditionalKeyword_MatchesSimplifiedText()
    {
        var matcher = new TopicMatcher([new TopicDefinition { Name = "污染", Keywords = ["環境污染"] }]);

        Assert.Single(matcher.Match(new SourceItem("u", "化工厂环境污染引发关注", "", null)));
    }

    [Fact]
    public void Sentiment_TraditionalComplaint_IsNegativeLikeSimplified()
    {
        var analyzer = new SentimentAnalyzer(NegativeLexicon.Load());

        var traditional = analyzer.Analyze("縣醫院被投訴亂收費", "");
        var simplified = analyzer.Analyze("县医院被投诉乱收费", "");

        Assert.True(traditional.Negative);
        Assert.Equal(simplified.Score, traditional.Score);
    }
}
