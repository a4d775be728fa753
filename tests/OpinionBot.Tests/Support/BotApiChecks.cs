using System.Text;
using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>The parameter checks Telegram makes before it touches a chat, with Telegram's own error texts.</summary>
internal static class BotApiChecks
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;

    public static BotApiReply? Chat(BotApiState state, JsonObject parameters, out FakeChat chat)
    {
        chat = null!;
        if (string.IsNullOrEmpty(parameters.Text("chat_id")))
        {
            return BotApiReply.BadRequest("chat_id is empty");
        }

        if (parameters.Long("chat_id") is not { } chatId)
        {
            return BotApiReply.BadRequest("chat not found");
        }

        chat = state.Chat(chatId);
        if (chat.MigratedTo is { } newId)
        {
            return BotApiReply.Error(400, "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: newId);
        }

        if (chat.Missing)
        {
            return BotApiReply.BadRequest("chat not found");
        }

        if (chat.BotRemoved)
        {
            return BotApiReply.Error(403, chat.IsPrivate
                ? "Forbidden: bot was blocked by the user"
                : "Forbidden: bot was kicked from the group chat");
        }

        return null;
    }

    public static BotApiReply? Text(string? text, string? parseMode) =>
        string.IsNullOrWhiteSpace(text) ? BotApiReply.BadRequest("message text is empty")
        : text.Length > MaxTextLength ? BotApiReply.BadRequest("message is too long")
        : Formatting(text, parseMode);

    public static BotApiReply? Caption(string? caption, string? parseMode) =>
        caption is null ? null
        : caption.Length > MaxCaptionLength ? BotApiReply.BadRequest("message caption is too long")
        : Formatting(caption, parseMode);

    public static BotApiReply? Formatting(string text, string? parseMode) =>
        string.Equals(parseMode, "HTML", StringComparison.OrdinalIgnoreCase) && TelegramHtmlCheck.Problem(text) is { } problem
            ? BotApiReply.BadRequest("can't parse entities: " + problem)
            : null;

    /// <summary>Reads an inline keyboard; other markups (reply keyboards) are accepted but not echoed back.</summary>
    public static BotApiReply? Keyboard(JsonObject parameters, out JsonObject? markup)
    {
        markup = null;
        var node = parameters["reply_markup"];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject replyMarkup)
        {
            return BotApiReply.BadRequest("can't parse reply keyboard markup JSON object");
        }

        if (replyMarkup["inline_keyboard"] is not JsonArray rows)
        {
            return null;
        }

        foreach (var row in rows)
        {
            if (row is not JsonArray buttons)
            {
                return BotApiReply.BadRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
            }

            foreach (var button in buttons)
            {
                if (Button(button) is { } problem)
                {
                    return problem;
                }
            }
        }

        markup = rows.All(row => row!.AsArray().Count == 0) ? null : new JsonObject { ["inline_keyboard"] = rows.DeepClone() };
        return null;
    }

    public static BotApiReply? Reply(JsonObject parameters, FakeChat chat, out int? replyTo)
    {
        replyTo = null;
        var reply = parameters.Object("reply_parameters");
        var messageId = reply?.Long("message_id") ?? parameters.Long("reply_to_message_id");
        if (messageId is not { } id)
        {
            return null;
        }

        if (id is > 0 and <= int.MaxValue && chat.Messages.ContainsKey((int)id))
        {
            replyTo = (int)id;
            return null;
        }

        var allowed = reply?.Flag("allow_sending_without_reply") == true || parameters.Flag("allow_sending_without_reply");
        return allowed ? null : BotApiReply.BadRequest("message to be replied not found");
    }

    private static BotApiReply? Button(JsonNode? node)
    {
        if (node is not JsonObject button)
        {
            return BotApiReply.BadRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
        }

        if (string.IsNullOrEmpty(button.Text("text")))
        {
            return BotApiReply.BadRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
        }

        if (!button.Any(property => property.Key != "text" && property.Value is not null))
        {
            return BotApiReply.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }

        var data = button.Text("callback_data");
        return data is not null && Encoding.UTF8.GetByteCount(data) is 0 or > 64
            ? BotApiReply.BadRequest("BUTTON_DATA_INVALID")
            : null;
    }
}
