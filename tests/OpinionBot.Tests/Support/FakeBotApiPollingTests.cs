using System.Diagnostics;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using Xunit;

namespace OpinionBot.Tests.Support;

/// <summary>Long polling, injected updates and the fake's own lifecycle, through the real Telegram.Bot client.</summary>
public sealed class FakeBotApiPollingTests : FakeBotApiTestBase
{
    [Fact]
    public async Task GetUpdates_MessageInjectedDuringLongPoll_ReturnsItAtOnce()
    {
        var clock = Stopwatch.StartNew();
        var poll = Bot.GetUpdates(timeout: 5);
        await Api.WaitUntilAsync(() => Api.PollersWaiting == 1);

        var updateId = Api.InjectMessage(Group, Alice, "/start", firstName: "Alice");
        var updates = await poll;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        var update = Assert.Single(updates);
        Assert.Equal(updateId, update.Id);
        Assert.Equal("/start", update.Message!.Text);
        Assert.Equal("Alice", update.Message.From!.FirstName);
        Assert.Equal(MessageEntityType.BotCommand, update.Message.Entities!.Single().Type);
    }

    [Fact]
    public async Task GetUpdates_NothingInjected_ReturnsEmptyAfterTimeout()
    {
        var clock = Stopwatch.StartNew();

        var updates = await Bot.GetUpdates(timeout: 1);

        Assert.Empty(updates);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task GetUpdates_OffsetAboveUpdate_ConfirmsAndDropsIt()
    {
        var first = Api.InjectMessage(Alice, Alice, "hello", chatType: "private");
        var second = Api.InjectMessage(Alice, Alice, "again", chatType: "private");

        var all = await Bot.GetUpdates();
        var rest = await Bot.GetUpdates(offset: first + 1);

        Assert.Equal([first, second], all.Select(update => update.Id));
        Assert.Equal(second, Assert.Single(rest).Id);
        Assert.Equal(ChatType.Private, rest[0].Message!.Chat.Type);
        Assert.Equal(1, Api.PendingUpdates);
    }

    [Fact]
    public async Task InjectCallback_OnBotCard_DeliversMessageAndAcceptsOneAnswer()
    {
        var card = await Bot.SendMessage(Group, "card", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("认领", "claim:7")));
        var queryId = Api.InjectCallback(Group, Alice, card.MessageId, "claim:7");

        var query = Assert.Single(await Bot.GetUpdates()).CallbackQuery!;
        await Bot.AnswerCallbackQuery(query.Id, "已认领", showAlert: true);

        Assert.Equal(queryId, query.Id);
        Assert.Equal("claim:7", query.Data);
        Assert.Equal(card.MessageId, query.Message!.MessageId);
        Assert.Equal(new CallbackAnswer(queryId, "已认领", true), Assert.Single(Api.CallbackAnswers));
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.AnswerCallbackQuery(query.Id));
        Assert.Equal(400, error.ErrorCode);
    }

    [Fact]
    public async Task InjectRaw_BrokenJson_BreaksTheWholeBatchForTheClient()
    {
        Api.InjectRaw("{not json");

        await Assert.ThrowsAsync<RequestException>(() => Bot.GetUpdates());
    }

    [Fact]
    public async Task WaitUntilAsync_NeverTrue_ThrowsTimeoutWithConditionAndCalls()
    {
        await Bot.SendMessage(Group, "visible in the dump");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Api.WaitUntilAsync(() => Api.Messages(Group).Count == 2, TimeSpan.FromMilliseconds(100)));

        Assert.Contains("Api.Messages(Group).Count == 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("visible in the dump", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_WithParkedLongPoll_StopsQuickly()
    {
        var other = await FakeBotApi.StartAsync();
        var client = new TelegramBotClient(other.ClientOptions(), Http);
        var poll = client.GetUpdates(timeout: 30);
        await other.WaitUntilAsync(() => other.PollersWaiting == 1);
        var clock = Stopwatch.StartNew();

        await other.DisposeAsync();

        Assert.Empty(await poll);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task StartAsync_SeveralAtOnce_EachOnItsOwnPort()
    {
        var fakes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FakeBotApi.StartAsync()));
        try
        {
            foreach (var fake in fakes)
            {
                await new TelegramBotClient(fake.ClientOptions(), Http).SendMessage(Group, fake.BaseUrl);
            }

            Assert.Equal(3, fakes.Select(fake => fake.BaseUrl).Distinct().Count());
            Assert.All(fakes, fake => Assert.Equal(fake.BaseUrl, fake.Messages(Group).Single().Text));
        }
        finally
        {
            foreach (var fake in fakes)
            {
                await fake.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ReceiveAsync_LibraryPoller_HandlesInjectedUpdatesAndConfirmsThem()
    {
        var handled = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var receiving = Bot.ReceiveAsync(
            (_, update, _) => { handled.Enqueue(update.Message?.Text ?? update.CallbackQuery!.Data!); return Task.CompletedTask; },
            (_, _, _) => Task.CompletedTask,
            cancellationToken: stop.Token);
        await Api.WaitUntilAsync(() => Api.PollersWaiting == 1);

        Api.InjectMessage(Group, Alice, "/status");
        Api.InjectMessage(Group, Alice, "second");
        await Api.WaitUntilAsync(() => handled.Count == 2 && Api.PendingUpdates == 0);
        await stop.CancelAsync();

        await receiving;
        Assert.Equal(["/status", "second"], handled);
    }
}
