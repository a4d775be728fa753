using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>editMessageText/Caption/ReplyMarkup and deleteMessage. Callers hold <see cref="BotApiState.Gate"/>.</summary>
internal sealed class BotApiEdits(BotApiState state)
{
    private const string NotModified = "message is not modified: specified new message content and reply markup are "
        + "exactly the same as a current content and reply markup of the message";

    /// <summary>Like Telegram, an edit without reply_markup removes the inline keyboard.</summary>
    public BotApiReply EditText(BotApiCall call, bool caption)
    {
        var parameters = call.Parameters;
        if (Find(parameters, "edit", out var chat, out var message) is { } missing)
        {
            return missing;
        }

        if (message.FromId != state.BotId)
        {
            return BotApiReply.BadRequest("message can't be edited");
        }

        if (caption == (message.Kind == "text"))
        {
            return BotApiReply.BadRequest(caption ? "there is no caption in the message to edit" : "there is no text in the message to edit");
        }

        var text = parameters.Text(caption ? "caption" : "text");
        var parseMode = parameters.Text("parse_mode");
        if ((caption ? BotApiChecks.Caption(text, parseMode) : BotApiChecks.Text(text, parseMode)) is { } badText)
        {
            return badText;
        }

        if (BotApiChecks.Keyboard(parameters, out var markup) is { } badKeyboard)
        {
            return badKeyboard;
        }

        if (text == message.Text && JsonNode.DeepEquals(markup, message.Markup))
        {
            return BotApiReply.BadRequest(NotModified);
        }

        message.Text = text;
        message.ParseMode = parseMode;
        return Edited(chat, message, markup);
    }

    public BotApiReply EditMarkup(BotApiCall call)
    {
        if (Find(call.Parameters, "edit", out var chat, out var message) is { } missing)
        {
            return missing;
        }

        if (BotApiChecks.Keyboard(call.Parameters, out var markup) is { } badKeyboard)
        {
            return badKeyboard;
        }

        return JsonNode.DeepEquals(markup, message.Markup)
            ? BotApiReply.BadRequest(NotModified)
            : Edited(chat, message, markup);
    }

    public BotApiReply Delete(BotApiCall call)
    {
        if (Find(call.Parameters, "delete", out var chat, out var message) is { } missing)
        {
            return missing;
        }

        chat.Messages.Remove(message.MessageId);
        return BotApiReply.Ok(true);
    }

    private BotApiReply Edited(FakeChat chat, StoredMessage message, JsonObject? markup)
    {
        message.Markup = markup;
        message.Edits++;
        message.EditDate = state.Time.GetUtcNow();
        return BotApiReply.Ok(BotApiJson.Message(state, chat, message));
    }

    private BotApiReply? Find(JsonObject parameters, string verb, out FakeChat chat, out StoredMessage message)
    {
        message = null!;
        if (parameters.Text("inline_message_id") is not null)
        {
            chat = null!;
            return BotApiReply.BadRequest("MESSAGE_ID_INVALID");
        }

        if (BotApiChecks.Chat(state, parameters, out chat) is { } noChat)
        {
            return noChat;
        }

        if (parameters.Long("message_id") is not { } id)
        {
            return BotApiReply.BadRequest("message identifier is not specified");
        }

        return id is > 0 and <= int.MaxValue && chat.Messages.TryGetValue((int)id, out message!)
            ? null
            : BotApiReply.BadRequest($"message to {verb} not found");
    }
}
