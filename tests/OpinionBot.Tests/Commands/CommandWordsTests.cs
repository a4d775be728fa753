using OpinionBot.Commands;
using OpinionBot.Incidents;
using Xunit;

namespace OpinionBot.Tests.Commands;

/// <summary>The words and numbers commands accept, as tables.</summary>
public sealed class CommandWordsTests
{
    [Theory]
    [InlineData("/help", "help", null, "")]
    [InlineData("/Help@Opinion_Test_Bot", "help", "Opinion_Test_Bot", "")]
    [InlineData("/assign 42 @lisi", "assign", null, "42 @lisi")]
    [InlineData("/note@opinion_test_bot 2026-0042  已联系\n发帖人", "note", "opinion_test_bot", "2026-0042  已联系\n发帖人")]
    [InlineData("/incidents重大", "incidents", null, "重大")]
    [InlineData("/grade　42　重大", "grade", null, "42　重大")]
    public void TryParse_Commands_SplitNameBotAndArguments(string text, string name, string? bot, string arguments)
    {
        Assert.True(CommandLine.TryParse(text, out var line));
        Assert.Equal(new CommandLine(name, bot, arguments), line);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("/")]
    [InlineData("/ 你好")]
    [InlineData("/帮助")]
    [InlineData(null)]
    public void TryParse_NotACommand_IsFalse(string? text) => Assert.False(CommandLine.TryParse(text, out _));

    [Theory]
    [InlineData("2026-0042", "2026-0042")]
    [InlineData("2025-42", "2025-0042")]
    [InlineData("42", "2026-0042")]
    [InlineData("#7", "2026-0007")]
    [InlineData("0042", "2026-0042")]
    [InlineData("12345", "2026-12345")]
    [InlineData("0", null)]
    [InlineData("42a", null)]
    [InlineData("@lisi", null)]
    [InlineData("2026-", null)]
    public void Normalize_IncidentNumbers_ShortFormsAreThisYear(string token, string? expected) =>
        Assert.Equal(expected, IncidentFinder.Normalize(token, 2026));

    [Theory]
    [InlineData("澄清回应", HandlingOutcome.Clarified)]
    [InlineData("clarified", HandlingOutcome.Clarified)]
    [InlineData("删帖处理", HandlingOutcome.TakenDown)]
    [InlineData("TakenDown", HandlingOutcome.TakenDown)]
    [InlineData("taken-down", HandlingOutcome.TakenDown)]
    [InlineData("冷处理", HandlingOutcome.ColdHandling)]
    [InlineData("属实通报", HandlingOutcome.ConfirmedAndAnnounced)]
    [InlineData("情况说明", HandlingOutcome.Explanation)]
    [InlineData("其他", HandlingOutcome.Other)]
    public void TryOutcome_ChineseAndEnglish_GiveTheLedgerOutcome(string word, HandlingOutcome expected)
    {
        Assert.True(CommandWords.TryOutcome(word, out var outcome));
        Assert.Equal(expected, outcome);
    }

    [Theory]
    [InlineData("重大", Grade.Major)]
    [InlineData("Major", Grade.Major)]
    [InlineData("较大", Grade.Larger)]
    [InlineData("一般", Grade.General)]
    public void TryGrade_ChineseAndEnglish(string word, Grade expected)
    {
        Assert.True(CommandWords.TryGrade(word, out var grade));
        Assert.Equal(expected, grade);
    }

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("2h", 120)]
    [InlineData("2小时", 120)]
    [InlineData("45分钟", 45)]
    [InlineData("1d", 1440)]
    [InlineData("1天", 1440)]
    public void TryDuration_Units(string word, int minutes)
    {
        Assert.True(CommandWords.TryDuration(word, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("0h")]
    [InlineData("2")]
    [InlineData("h")]
    [InlineData("2 weeks")]
    [InlineData("-1h")]
    public void TryDuration_Nonsense_IsRefused(string word) => Assert.False(CommandWords.TryDuration(word, out _));

    [Fact]
    public void IncidentFilter_FormatAndParse_RoundTripWithin64Bytes()
    {
        var filter = new IncidentFilter(Grade.Major, IncidentStatus.Handling, All: true, Department: 12, Assignee: 1234567890123, Overdue: true);

        var text = filter.Format();

        Assert.Equal(filter, IncidentFilter.Parse(text));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount("/il:" + text + ":999") <= 64);
        Assert.Equal(new IncidentFilter(), IncidentFilter.Parse(""));
    }

    [Theory]
    [InlineData("g9")]
    [InlineData("x1")]
    [InlineData("p-5")]
    [InlineData("d0")]
    [InlineData("g")]
    [InlineData("oo")]
    public void IncidentFilter_TamperedText_IsNull(string text) => Assert.Null(IncidentFilter.Parse(text));
}
