using OpinionBot.Matching;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Matching;

public sealed class SentimentAnalyzerTests
{
    private static readonly SentimentAnalyzer Analyzer = new(NegativeLexicon.Load());

    [Theory]
    [InlineData("市民投诉医院乱收费", true, "投诉,乱收费")]
    [InlineData("建筑公司拖欠工资 农民工讨薪", true, "拖欠工资,讨薪")]
    [InlineData("某县发生车祸致两人死亡", true, "死亡,车祸")]
    [InlineData("学校食堂发生食物中毒", true, "食物中毒")]
    [InlineData("原局长涉嫌受贿被查", true, "受贿")]
    [InlineData("网传某地爆发疫情 引发恐慌", true, "恐慌,网传")]
    [InlineData("Hospital accused of malpractice after patient died", true, "malpractice,died")]
    [InlineData("Workers protest unpaid wages at factory", true, "unpaid wages,protest")]
    [InlineData("网友质疑新规", false, "质疑")]
    [InlineData("市图书馆举办读书节活动", false, "")]
    [InlineData("The city opened a new library", false, "")]
    public void Analyze_Text_FindsNegativeWords(string title, bool negative, string words)
    {
        var result = Analyzer.Analyze(title, "");

        Assert.Equal(negative, result.Negative);
        Assert.Equal(Split(words), result.Words);
    }

    [Theory]
    // Negation just before the word, in the same clause, cancels it.
    [InlineData("事故没有造成人员伤亡", "伤亡", false)]
    [InlineData("无人受伤", "受伤", false)]
    [InlineData("经核实，该消息并非谣言", "谣言", false)]
    [InlineData("No one was injured in the accident", "injured", false)]
    [InlineData("The school did not find any cheating", "cheating", false)]
    // Double negation restores it; a clause break or distance ends the negation's reach.
    [InlineData("不是没有受伤", "受伤", true)]
    [InlineData("没有人管，多人受伤", "受伤", true)]
    [InlineData("没有任何预兆的情况下突然受伤", "受伤", true)]
    // Negation characters inside other words negate nothing.
    [InlineData("不少学生中毒", "中毒", true)]
    [InlineData("不法分子诈骗老人", "诈骗", true)]
    [InlineData("不仅欠薪还殴打工人", "欠薪", true)]
    public void Analyze_Negation_CancelsOnlyWhatItNegates(string text, string word, bool counted)
    {
        var result = Analyzer.Analyze("", text);

        Assert.Equal(counted, result.Words.Contains(word));
    }

    [Theory]
    [InlineData("质疑", "严重质疑")]
    [InlineData("受伤", "多名受伤")]
    [InlineData("violence", "extremely violence")]
    public void Analyze_DegreeWord_RaisesScore(string plain, string strengthened)
    {
        Assert.True(Analyzer.Analyze("", strengthened).Score > Analyzer.Analyze("", plain).Score);
    }

    [Fact]
    public void Analyze_SameWordInTitle_ScoresHigherThanInText()
    {
        Assert.True(Analyzer.Analyze("质疑", "").Score > Analyzer.Analyze("", "质疑").Score);
    }

    [Fact]
    public void Analyze_WordInsideLongerWord_CountsOnce()
    {
        var result = Analyzer.Analyze("", "食物中毒");

        Assert.Equal(["食物中毒"], result.Words);
        Assert.Equal(3, result.Score);
    }

    [Fact]
    public void Analyze_EvasionAndWidth_StillFound()
    {
        Assert.Equal(["投诉", "scandal"], Analyzer.Analyze("投 诉", "ＳＣＡＮＤＡＬ").Words);
    }

    [Fact]
    public void Describe_NegativeItem_ListsWordsForTheCard()
    {
        var result = Analyzer.Analyze("工人投诉被拖欠工资", "");

        Assert.Equal("负面: 拖欠工资, 投诉", result.Describe(Strings.Chinese));
        Assert.Equal("Negative: 拖欠工资, 投诉", result.Describe(Strings.English));
    }

    [Fact]
    public void Parse_ExtraFile_AddsAndReplacesWords()
    {
        var lexicon = NegativeLexicon.Parse(
            [
                ("base", ["[negative:x]", "投诉 2", "质疑 1"]),
                ("extra", ["[negative:local]", "烂尾楼 3", "投诉 0"]),
            ],
            Strings.Chinese);
        var analyzer = new SentimentAnalyzer(lexicon);

        Assert.Equal(["烂尾楼", "质疑"], analyzer.Analyze("", "投诉烂尾楼，质疑").Words);
    }

    [Theory]
    [InlineData("[unknown]")]
    [InlineData("投诉 heavy")]
    [InlineData("\"wage arrears 3")]
    [InlineData("投诉 -1")]
    public void Parse_BadLine_NamesFileAndLine(string line)
    {
        var error = Assert.Throws<FormatException>(() =>
            NegativeLexicon.Parse([("extra.txt", ["# comment", line])], Strings.English));

        Assert.StartsWith("Lexicon extra.txt, line 2 is not understood", error.Message, StringComparison.Ordinal);
    }

    private static string[] Split(string words) => words.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
