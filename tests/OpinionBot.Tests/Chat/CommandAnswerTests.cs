using OpinionBot.Tests.Commands;
using OpinionBot.Tests.EndToEnd;
using Xunit;

namespace OpinionBot.Tests.Chat;

/// <summary>Answers that used to go missing or run over Telegram's limit.</summary>
public sealed class CommandAnswerTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    public async Task InitializeAsync() => _chat = await CommandChat.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Ledger_AnswersWithItsFileThreadedUnderTheCommand()
    {
        var answer = await _chat.SayAsync(BotHarness.TeamChat, BotHarness.Officer, "/ledger csv");

        Assert.Equal("document", answer.Kind);
    }

    [Fact]
    public async Task BadDatesWithLongArguments_EchoesThemCapped()
    {
        var typed = "/ledger " + new string('长', 4000);

        var answer = await _chat.SayAsync(BotHarness.TeamChat, BotHarness.Officer, typed);

        Assert.Contains("日期无法识别", answer.Text);
        Assert.InRange(answer.Text!.Length, 1, 600);
        Assert.DoesNotContain("已截断", answer.Text);
    }
}
