using OpinionBot.Matching;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Matching;

/// <summary>Rebuttals and praise are not negative; a rebuttal is shown as 辟谣, and the card still says which words decided.</summary>
public sealed class RebuttalAndPraiseTests
{
    private static readonly SentimentAnalyzer Analyzer = new(NegativeLexicon.Load());

    [Theory]
    [InlineData("地沟油传闻不属实", "不属实")]
    [InlineData("网传县医院乱收费 官方回应：不属实", "不属实")]
    [InlineData("辟谣：网传我市自来水被污染", "辟谣")]
    [InlineData("网传化工厂爆炸 谣言已澄清", "谣言已澄清")]
    public void Rebuttal_IsNotNegative_AndNamesTheRebuttal(string title, string rebuttal)
    {
        var result = Analyzer.Analyze(title, "");

        Assert.False(result.Negative);
        Assert.Contains(rebuttal, result.Rebuttals);
        Assert.Equal($"辟谣: {string.Join(", ", result.Rebuttals)}", result.Describe(Strings.Chinese));
    }

    [Fact]
    public void RebuttalInTheText_CoversTheRumourInTheTitle()
    {
        var result = Analyzer.Analyze("关于网传学校食物中毒的情况说明", "经核查，该信息不属实，学生均身体健康。");

        Assert.False(result.Negative);
        Assert.Equal(["不属实"], result.Rebuttals);
    }

    [Fact]
    public void NewRumourAfterTheRebuttal_IsNegativeAgain()
    {
        var result = Analyzer.Analyze("官方辟谣后 又有人在网上造谣", "");

        Assert.True(result.Negative);
        Assert.Contains("造谣", result.Words);
    }

    [Theory]
    [InlineData("医院投诉渠道畅通 群众满意")]
    [InlineData("投诉问题及时解决 业主送锦旗致谢")]
    [InlineData("欠薪问题得到妥善解决 农民工满意而归")]
    public void Praise_IsNotNegative(string title)
    {
        var result = Analyzer.Analyze(title, "");

        Assert.False(result.Negative, $"score {result.Score}, words {string.Join(",", result.Words)}");
    }

    [Theory]
    [InlineData("群众对处理结果不满意 继续上访", "不满意")]
    [InlineData("投诉渠道不畅通 市民求助无门", "不畅通")]
    [InlineData("点赞背后：环卫工被拖欠工资半年", "拖欠工资")]
    public void DeniedOrElsewherePraise_StaysNegative_AndTheWordsSayWhy(string title, string word)
    {
        var result = Analyzer.Analyze(title, "");

        Assert.True(result.Negative);
        Assert.Contains(word, result.Words);
    }

    [Theory]
    [InlineData("学校开展防溺水安全教育")]
    [InlineData("如何投诉医院乱收费？")]
    [InlineData("消防支队开展高层建筑火灾演练")]
    public void PreventionAndHowToQuestions_AreNotNegative(string title) =>
        Assert.False(Analyzer.Analyze(title, "").Negative);

    [Fact]
    public async Task Cards_RebuttalShownAs辟谣_PraiseNotNegative_ComplaintExplained()
    {
        await using var bot = await BotHarness.CreateAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        (string, string, DateTimeOffset, string)[] items =
        [
            ("网传县人民医院收取天价检查费 卫健委回应：不属实", bot.Site.BaseUrl + "/n/1", at, "经核查，该院收费符合标准。"),
            ("市中医院投诉渠道畅通 群众满意", bot.Site.BaseUrl + "/n/2", at, "市中医院设立患者服务中心。"),
            ("患者投诉镇卫生院乱收费 家属讨说法", bot.Site.BaseUrl + "/n/3", at, "家属称多收了八百元。"),
        ];
        bot.Site.Set("/feed.xml", TestFeeds.Rss(items));
        await bot.StartAsync();

        await bot.Api.WaitUntilAsync(() => bot.Api.Messages(BotHarness.TeamChat).Count == 3, TimeSpan.FromSeconds(30));
        var cards = bot.Api.Messages(BotHarness.TeamChat);
        var rebuttal = Assert.Single(cards, c => c.Text!.Contains("天价检查费"));
        var praise = Assert.Single(cards, c => c.Text!.Contains("投诉渠道畅通"));
        var complaint = Assert.Single(cards, c => c.Text!.Contains("镇卫生院乱收费"));

        Assert.Contains("辟谣：不属实", rebuttal.Text);
        Assert.DoesNotContain("负面", rebuttal.Text);
        Assert.DoesNotContain("负面", praise.Text);
        Assert.Contains("负面：", complaint.Text);
        var why = complaint.Text!;
        Assert.Contains("乱收费", why[why.IndexOf("负面：", StringComparison.Ordinal)..]);
    }
}
