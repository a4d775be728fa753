using System.Diagnostics;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using Xunit;

namespace OpinionBot.Tests.Support;

/// <summary>Drives the real Telegram.Bot client against the fake, so end-to-end tests can trust what it records.</summary>
public sealed class FakeBotApiTests : IAsyncLifetime, IDisposable
{
    private const long Group = -1001234567890;
    private const long Alice = 4242;
    private readonly HttpClient http = new();
    private FakeBotApi api = null!;
    private TelegramBotClient bot = null!;

    public async Task InitializeAsync()
    {
        api = await FakeBotApi.StartAsync();
        // RetryThreshold 0: errors reach the test instead of being retried inside the client.
        bot = new TelegramBotClient(new TelegramBotClientOptions(FakeBotApi.DefaultToken, api.BaseUrl) { RetryThreshold = 0 }, http);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task SendMessage_WithInlineKeyboard_AppearsInMessagesWithButtons()
    {
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("认领", "claim:7"), InlineKeyboardButton.WithUrl("原文", "https://example.org/a")]]);

        var sent = await bot.SendMessage(Group, "<b>舆情</b> 2026-0007", ParseMode.Html, replyMarkup: keyboard);

        var message = Assert.Single(api.Messages(Group));
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("<b>舆情</b> 2026-0007", message.Text);
        Assert.Equal("HTML", message.ParseMode, ignoreCase: true);
        Assert.Equal([("认领", "claim:7"), ("原文", "https://example.org/a")], message.Buttons.Single());
        Assert.Equal(api.BotUserId, sent.From!.Id);
        Assert.Equal(ChatType.Supergroup, sent.Chat.Type);
        Assert.Equal("claim:7", sent.ReplyMarkup!.InlineKeyboard.First().First().CallbackData);
    }

    [Fact]
    public async Task SendMessage_TwiceInOneChat_MessageIdsIncrease()
    {
        var first = await bot.SendMessage(Group, "one");
        var second = await bot.SendMessage(Group, "two");
        var elsewhere = await bot.SendMessage(-77, "other chat");

        Assert.Equal(first.MessageId + 1, second.MessageId);
        Assert.Equal(1, elsewhere.MessageId);
        Assert.Equal(["one", "two"], api.Messages(Group).Select(message => message.Text));
    }

    [Fact]
    public async Task EditMessageText_ExistingMessage_ShowsNewTextAndDropsKeyboardWhenOmitted()
    {
        var sent = await bot.SendMessage(Group, "new", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("ok", "ok")));

        var edited = await bot.EditMessageText(Group, sent.MessageId, "claimed by Alice");

        var message = Assert.Single(api.Messages(Group));
        Assert.Equal("claimed by Alice", message.Text);
        Assert.Equal(1, message.Edits);
        Assert.Empty(message.Buttons);
        Assert.NotNull(edited.EditDate);
    }

    [Fact]
    public async Task EditMessageReplyMarkup_NewButtons_ReplacesKeyboard()
    {
        var sent = await bot.SendMessage(Group, "card", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("A", "a")));

        await bot.EditMessageReplyMarkup(Group, sent.MessageId, new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("B", "b")));

        Assert.Equal("b", api.Messages(Group).Single().ButtonData("B"));
    }

    [Fact]
    public async Task EditMessageText_SameTextAndMarkup_FailsNotModified()
    {
        var sent = await bot.SendMessage(Group, "same");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.EditMessageText(Group, sent.MessageId, "same"));

        Assert.Equal(400, error.ErrorCode);
        Assert.StartsWith("Bad Request: message is not modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditMessageText_MissingMessage_FailsNotFound()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.EditMessageText(Group, 999, "text"));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: message to edit not found", error.Message);
    }

    [Fact]
    public async Task DeleteMessage_Existing_RemovesItAndSecondDeleteFails()
    {
        var sent = await bot.SendMessage(Group, "temporary");

        await bot.DeleteMessage(Group, sent.MessageId);

        Assert.Empty(api.Messages(Group));
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.DeleteMessage(Group, sent.MessageId));
        Assert.Equal("Bad Request: message to delete not found", error.Message);
    }

    [Fact]
    public async Task SendMessage_ReplyToInjectedMessage_RecordsReplyAndMissingTargetFails()
    {
        api.InjectMessage(Group, Alice, "/status 2026-0007");
        var question = api.ChatHistory(Group).Single();

        var answer = await bot.SendMessage(Group, "处理中", replyParameters: question.MessageId);

        Assert.Equal(question.MessageId, api.Messages(Group).Single().ReplyToMessageId);
        Assert.Equal("/status 2026-0007", answer.ReplyToMessage!.Text);
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Group, "x", replyParameters: 500));
        Assert.Equal("Bad Request: message to be replied not found", error.Message);
    }

    [Theory]
    [InlineData("标题 <script> 未转义", "Bad Request: can't parse entities: Unsupported start tag \"script\" at byte offset 7")]
    [InlineData("<b>未闭合", "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("a<br>b", "Bad Request: can't parse entities: Unsupported start tag \"br\" at byte offset 1")]
    public async Task SendMessage_HtmlTelegramRejects_FailsCantParseEntities(string text, string expected)
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Group, text, ParseMode.Html));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task SendMessage_CallbackDataOver64Bytes_FailsButtonDataInvalid()
    {
        var keyboard = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("x", new string('事', 22)));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Group, "card", replyMarkup: keyboard));

        Assert.Equal("Bad Request: BUTTON_DATA_INVALID", error.Message);
    }

    [Fact]
    public async Task SendDocument_FromStream_RecordsFileNameAndBytes()
    {
        byte[] ledger = [1, 2, 3, 4];
        using var stream = new MemoryStream(ledger);

        var sent = await bot.SendDocument(Group, InputFile.FromStream(stream, "台账.csv"), caption: "月报");

        var message = Assert.Single(api.Messages(Group));
        Assert.Equal("document", message.Kind);
        Assert.Equal("台账.csv", message.FileName);
        Assert.Equal(ledger, message.FileBytes);
        Assert.Equal("月报", message.Text);
        Assert.Equal("台账.csv", sent.Document!.FileName);
    }

    [Fact]
    public async Task SendPhoto_Png_ReportsItsSize()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 3, 0x20, 0, 0, 2, 0x58];
        using var stream = new MemoryStream(png);

        var sent = await bot.SendPhoto(Group, InputFile.FromStream(stream, "chart.png"));

        Assert.Equal((800, 600), (sent.Photo!.Single().Width, sent.Photo!.Single().Height));
        Assert.Equal("photo", api.Messages(Group).Single().Kind);
    }

    [Fact]
    public async Task GetUpdates_MessageInjectedDuringLongPoll_ReturnsItAtOnce()
    {
        var clock = Stopwatch.StartNew();
        var poll = bot.GetUpdates(timeout: 5);
        await api.WaitUntilAsync(() => api.PollersWaiting == 1);

        var updateId = api.InjectMessage(Group, Alice, "/start", firstName: "Alice");
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

        var updates = await bot.GetUpdates(timeout: 1);

        Assert.Empty(updates);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task GetUpdates_OffsetAboveUpdate_ConfirmsAndDropsIt()
    {
        var first = api.InjectMessage(Alice, Alice, "hello", chatType: "private");
        var second = api.InjectMessage(Alice, Alice, "again", chatType: "private");

        var all = await bot.GetUpdates();
        var rest = await bot.GetUpdates(offset: first + 1);

        Assert.Equal([first, second], all.Select(update => update.Id));
        Assert.Equal(second, Assert.Single(rest).Id);
        Assert.Equal(ChatType.Private, rest[0].Message!.Chat.Type);
        Assert.Equal(1, api.PendingUpdates);
    }

    [Fact]
    public async Task InjectCallback_OnBotCard_DeliversMessageAndAcceptsOneAnswer()
    {
        var card = await bot.SendMessage(Group, "card", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("认领", "claim:7")));
        var queryId = api.InjectCallback(Group, Alice, card.MessageId, "claim:7");

        var query = Assert.Single(await bot.GetUpdates()).CallbackQuery!;
        await bot.AnswerCallbackQuery(query.Id, "已认领", showAlert: true);

        Assert.Equal(queryId, query.Id);
        Assert.Equal("claim:7", query.Data);
        Assert.Equal(card.MessageId, query.Message!.MessageId);
        Assert.Equal(new CallbackAnswer(queryId, "已认领", true), Assert.Single(api.CallbackAnswers));
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.AnswerCallbackQuery(query.Id));
        Assert.Equal(400, error.ErrorCode);
    }

    [Fact]
    public async Task FailNext_TooManyRequests_SurfacesRetryAfter()
    {
        api.FailNext(1, 429, retryAfter: 7, method: "sendMessage");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Group, "x"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal(7, error.Parameters!.RetryAfter);
        Assert.Equal("Too Many Requests: retry after 7", error.Message);
        Assert.Empty(api.Messages(Group));
        await bot.SendMessage(Group, "x");
        Assert.Equal([429, 200], api.Requests("sendMessage").Select(request => request.Status));
    }

    /// <summary>Telegram.Bot's defaults (RetryThreshold 60, RetryCount 3) retry a short 429 inside the client.</summary>
    [Fact]
    public async Task FailNext_TooManyRequestsWithDefaultClientOptions_ClientRetriesByItself()
    {
        var retrying = new TelegramBotClient(api.ClientOptions(), http);
        api.FailNext(1, 429, retryAfter: 1);

        await retrying.SendMessage(Group, "after one second");

        Assert.Equal([429, 200], api.Requests("sendMessage").Select(request => request.Status));
    }

    /// <summary>A JSON error body becomes ApiRequestException whatever the status.</summary>
    [Fact]
    public async Task FailNext_BadGatewayJson_ThrowsApiRequestException()
    {
        api.FailNext(1);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Group, "x"));

        Assert.Equal(502, error.ErrorCode);
    }

    /// <summary>A body that is not JSON (nginx's page) becomes a plain RequestException carrying the HTTP status.</summary>
    [Fact]
    public async Task FailNextWithHtml_BadGateway_ThrowsRequestExceptionNotApiRequestException()
    {
        api.FailNextWithHtml(1);

        var error = await Assert.ThrowsAsync<RequestException>(() => bot.SendMessage(Group, "x"));

        Assert.IsNotType<ApiRequestException>(error);
        Assert.Equal(System.Net.HttpStatusCode.BadGateway, error.HttpStatusCode);
    }

    [Fact]
    public async Task Down_WhileTrue_RefusesEverythingIncludingPolling()
    {
        api.Down = true;
        await Assert.ThrowsAsync<RequestException>(() => bot.GetUpdates());
        await Assert.ThrowsAsync<RequestException>(() => bot.GetMe());

        api.Down = false;

        Assert.Equal(api.BotUsername, (await bot.GetMe()).Username);
    }

    [Fact]
    public async Task RemoveBotFrom_Group_SendFailsForbidden()
    {
        api.RemoveBotFrom(Group);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Group, "x"));

        Assert.Equal(403, error.ErrorCode);
        Assert.Equal("Forbidden: bot was kicked from the group chat", error.Message);
    }

    [Fact]
    public async Task SetMyCommands_ThenGetMyCommands_RoundTrips()
    {
        await bot.DeleteWebhook();
        await bot.SetMyCommands([new BotCommand("status", "查看舆情"), new BotCommand("report", "日报")], languageCode: "zh");

        var commands = await bot.GetMyCommands(languageCode: "zh");

        Assert.Equal(["status", "report"], commands.Select(command => command.Command));
        Assert.Equal([("status", "查看舆情"), ("report", "日报")], api.MyCommands(languageCode: "zh"));
        Assert.Empty(await bot.GetMyCommands());
    }

    [Fact]
    public async Task GetChatAndSendChatAction_KnownChat_Succeed()
    {
        await bot.SendChatAction(Group, ChatAction.UploadDocument);

        var chat = await bot.GetChat(Group);

        Assert.Equal(Group, chat.Id);
        Assert.Equal(Group, api.Requests("sendChatAction").Single().ChatId);
    }

    [Fact]
    public async Task UnknownMethodAndWrongToken_AnswerTelegramErrors()
    {
        using var unknown = await http.PostAsync(new Uri($"{api.BaseUrl}/bot{FakeBotApi.DefaultToken}/frobnicate"), null);
        var stranger = new TelegramBotClient(new TelegramBotClientOptions("999:WRONG", api.BaseUrl), http);

        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Equal("""{"ok":false,"error_code":404,"description":"Not Found: method not found"}""", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(401, (await Assert.ThrowsAsync<ApiRequestException>(() => stranger.GetMe())).ErrorCode);
    }

    [Fact]
    public async Task InjectRaw_BrokenJson_BreaksTheWholeBatchForTheClient()
    {
        api.InjectRaw("{not json");

        await Assert.ThrowsAsync<RequestException>(() => bot.GetUpdates());
    }

    [Fact]
    public async Task WaitUntilAsync_NeverTrue_ThrowsTimeoutWithConditionAndCalls()
    {
        await bot.SendMessage(Group, "visible in the dump");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => api.WaitUntilAsync(() => api.Messages(Group).Count == 2, TimeSpan.FromMilliseconds(100)));

        Assert.Contains("api.Messages(Group).Count == 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("visible in the dump", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_WithParkedLongPoll_StopsQuickly()
    {
        var other = await FakeBotApi.StartAsync();
        var client = new TelegramBotClient(other.ClientOptions(), http);
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
                await new TelegramBotClient(fake.ClientOptions(), http).SendMessage(Group, fake.BaseUrl);
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
}
