using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>Shapes Bot API objects (snake_case, Unix dates) from the fake's state. Callers hold the state lock.</summary>
internal static class BotApiJson
{
    public static JsonObject Chat(FakeChat chat)
    {
        var json = new JsonObject { ["id"] = chat.Id, ["type"] = chat.Type };
        if (chat.IsPrivate)
        {
            json["first_name"] = $"User{chat.Id}";
        }
        else
        {
            json["title"] = $"Test {chat.Type} {chat.Id}";
        }

        return json;
    }

    /// <summary>getChat answers a ChatFullInfo, which adds a few always-present fields to Chat.</summary>
    public static JsonObject ChatFullInfo(FakeChat chat)
    {
        var json = Chat(chat);
        json["accent_color_id"] = 0;
        json["max_reaction_count"] = 11;
        return json;
    }

    public static JsonObject Message(BotApiState state, FakeChat chat, StoredMessage message, bool withReply = true)
    {
        var json = new JsonObject
        {
            ["message_id"] = message.MessageId,
            ["from"] = state.User(message.FromId),
            ["chat"] = Chat(chat),
            ["date"] = message.Date.ToUnixTimeSeconds(),
        };
        if (message.EditDate is { } edited)
        {
            json["edit_date"] = edited.ToUnixTimeSeconds();
        }

        if (withReply && message.ReplyTo is { } replyTo && chat.Messages.TryGetValue(replyTo, out var replied))
        {
            json["reply_to_message"] = Message(state, chat, replied, withReply: false);
        }

        AddContent(json, message);
        if (message.Markup is not null)
        {
            json["reply_markup"] = message.Markup.DeepClone();
        }

        return json;
    }

    public static JsonObject MessageUpdate(int updateId, JsonObject message) =>
        new() { ["update_id"] = updateId, ["message"] = message };

    public static JsonObject CallbackUpdate(int updateId, string queryId, JsonObject from, JsonObject message, string data) =>
        new()
        {
            ["update_id"] = updateId,
            ["callback_query"] = new JsonObject
            {
                ["id"] = queryId,
                ["from"] = from,
                ["message"] = message,
                ["chat_instance"] = $"{message["chat"]!["id"]}0042",
                ["data"] = data,
            },
        };

    private static void AddContent(JsonObject json, StoredMessage message)
    {
        var textField = message.Kind == "text" ? "text" : "caption";
        if (message.Text is not null)
        {
            json[textField] = message.Text;
        }

        if (message.Entities is not null)
        {
            json[textField == "text" ? "entities" : "caption_entities"] = message.Entities.DeepClone();
        }

        var size = message.FileBytes?.Length ?? 0;
        var uniqueId = $"U{message.FileId}";
        if (message.Kind == "document")
        {
            json["document"] = new JsonObject
            {
                ["file_id"] = message.FileId,
                ["file_unique_id"] = uniqueId,
                ["file_name"] = message.FileName,
                ["mime_type"] = "application/octet-stream",
                ["file_size"] = size,
            };
        }
        else if (message.Kind == "photo")
        {
            json["photo"] = new JsonArray(new JsonObject
            {
                ["file_id"] = message.FileId,
                ["file_unique_id"] = uniqueId,
                ["width"] = message.PhotoSize.Width,
                ["height"] = message.PhotoSize.Height,
                ["file_size"] = size,
            });
        }
    }
}
