using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using Xunit;

namespace OpinionBot.Tests.Support;

/// <summary>Sending, editing and deleting through the real Telegram.Bot client, checked in the fake's chats.</summary>
public sealed class FakeBotApiTests : FakeBotApiTestBase
{
    [Fact]
    public async Task SendMessage_WithInlineKeyboard_AppearsInMessagesWithButtons()
    {
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("认领", "claim:7"), InlineKeyboardButton.WithUrl("原文", "https://example.invalid/a")]]);

        var sent = await Bot.SendMessage(Group, "<b>舆情</b> 2026-0007", ParseMode.Html, replyMarkup: keyboard);

        var message = Assert.Single(Api.Messages(Group));
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("<b>舆情</b> 2026-0007", message.Text);
        Assert.Equal("HTML", message.ParseMode, ignoreCase: true);
        Assert.Equal([("认领", "claim:7"), ("原文", "https://example.invalid/a")], message.Buttons.Single());
        Assert.Equal(Api.BotUserId, sent.From!.Id);
        Assert.Equal(ChatType.Supergroup, sent.Chat.Type);
        Assert.Equal("claim:7", sent.ReplyMarkup!.InlineKeyboard.First().First().CallbackData);
    }

    [Fact]
    public async Task SendMessage_TwiceInOneChat_MessageIdsIncrease()
    {
        var first = await Bot.SendMessage(Group, "one");
        var second = await Bot.SendMessage(Group, "two");
        var elsewhere = await Bot.SendMessage(-77, "other chat");

        Assert.Equal(first.MessageId + 1, second.MessageId);
        Assert.Equal(1, elsewhere.MessageId);
        Assert.Equal(["one", "two"], Api.Messages(Group).Select(message => message.Text));
    }

    [Fact]
    public async Task EditMessageText_ExistingMessage_ShowsNewTextAndDropsKeyboardWhenOmitted()
    {
        var sent = await Bot.SendMessage(Group, "new", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("ok", "ok")));

        var edited = await Bot.EditMessageText(Group, sent.MessageId, "claimed by Alice");

        var message = Assert.Single(Api.Messages(Group));
        Assert.Equal("claimed by Alice", message.Text);
        Assert.Equal(1, message.Edits);
        Assert.Empty(message.Buttons);
        Assert.NotNull(edited.EditDate);
    }

    [Fact]
    public async Task EditMessageReplyMarkup_NewButtons_ReplacesKeyboard()
    {
        var sent = await Bot.SendMessage(Group, "card", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("A", "a")));

        await Bot.EditMessageReplyMarkup(Group, sent.MessageId, new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("B", "b")));

        Assert.Equal("b", Api.Messages(Group).Single().ButtonData("B"));
    }

    [Fact]
    public async Task EditMessageText_SameTextAndMarkup_FailsNotModified()
    {
        var sent = await Bot.SendMessage(Group, "same");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageText(Group, sent.MessageId, "same"));

        Assert.Equal(400, error.ErrorCode);
        Assert.StartsWith("Bad Request: message is not modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditMessageText_MissingMessage_FailsNotFound()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageText(Group, 999, "text"));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: message to edit not found", error.Message);
    }

    [Fact]
    public async Task DeleteMessage_Existing_RemovesItAndSecondDeleteFails()
    {
        var sent = await Bot.SendMessage(Group, "temporary");

        await Bot.DeleteMessage(Group, sent.MessageId);

        Assert.Empty(Api.Messages(Group));
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.DeleteMessage(Group, sent.MessageId));
        Assert.Equal("Bad Request: message to delete not found", error.Message);
    }

    [Fact]
    public async Task SendMessage_ReplyToInjectedMessage_RecordsReplyAndMissingTargetFails()
    {
        Api.InjectMessage(Group, Alice, "/status 2026-0007");
        var question = Api.ChatHistory(Group).Single();

        var answer = await Bot.SendMessage(Group, "处理中", replyParameters: question.MessageId);

        Assert.Equal(question.MessageId, Api.Messages(Group).Single().ReplyToMessageId);
        Assert.Equal("/status 2026-0007", answer.ReplyToMessage!.Text);
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(Group, "x", replyParameters: 500));
        Assert.Equal("Bad Request: message to be replied not found", error.Message);
    }

    [Theory]
    [InlineData("标题 <script> 未转义", "Bad Request: can't parse entities: Unsupported start tag \"script\" at byte offset 7")]
    [InlineData("<b>未闭合", "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("a<br>b", "Bad Request: can't parse entities: Unsupported start tag \"br\" at byte offset 1")]
    public async Task SendMessage_HtmlTelegramRejects_FailsCantParseEntities(string text, string expected)
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(Group, text, ParseMode.Html));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task SendMessage_CallbackDataOver64Bytes_FailsButtonDataInvalid()
    {
        var keyboard = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("x", new string('事', 22)));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(Group, "card", replyMarkup: keyboard));

        Assert.Equal("Bad Request: BUTTON_DATA_INVALID", error.Message);
    }

    [Fact]
    public async Task SendDocument_FromStream_RecordsFileNameAndBytes()
    {
        byte[] ledger = [1, 2, 3, 4];
        using var stream = new MemoryStream(ledger);

        var keyboard = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("下载", "ledger:5"));

        var sent = await Bot.SendDocument(Group, InputFile.FromStream(stream, "台账.csv"), caption: "月报", replyMarkup: keyboard);

        var message = Assert.Single(Api.Messages(Group));
        Assert.Equal("document", message.Kind);
        Assert.Equal("台账.csv", message.FileName);
        Assert.Equal(ledger, message.FileBytes);
        Assert.Equal("月报", message.Text);
        Assert.Equal("ledger:5", message.ButtonData("下载"));
        Assert.Equal("台账.csv", sent.Document!.FileName);
        Assert.Equal(("0", "台账.csv"), (Api.Requests("sendDocument").Single().Files.Single().Key, Api.Requests("sendDocument").Single().Files["0"].FileName));
    }

    [Fact]
    public async Task SendPhoto_Png_ReportsItsSize()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 3, 0x20, 0, 0, 2, 0x58];
        using var stream = new MemoryStream(png);

        var sent = await Bot.SendPhoto(Group, InputFile.FromStream(stream, "chart.png"));

        Assert.Equal((800, 600), (sent.Photo!.Single().Width, sent.Photo!.Single().Height));
        Assert.Equal("photo", Api.Messages(Group).Single().Kind);
    }

    [Fact]
    public async Task SetMyCommands_ThenGetMyCommands_RoundTrips()
    {
        await Bot.DeleteWebhook();
        await Bot.SetMyCommands([new BotCommand("status", "查看舆情"), new BotCommand("report", "日报")], languageCode: "zh");

        var commands = await Bot.GetMyCommands(languageCode: "zh");

        Assert.Equal(["status", "report"], commands.Select(command => command.Command));
        Assert.Equal([("status", "查看舆情"), ("report", "日报")], Api.MyCommands(languageCode: "zh"));
        Assert.Empty(await Bot.GetMyCommands());
    }

    [Fact]
    public async Task GetChatAndSendChatAction_KnownChat_Succeed()
    {
        await Bot.SendChatAction(Group, ChatAction.UploadDocument);

        var chat = await Bot.GetChat(Group);

        Assert.Equal(Group, chat.Id);
        Assert.Equal(Group, Api.Requests("sendChatAction").Single().ChatId);
    }
}
