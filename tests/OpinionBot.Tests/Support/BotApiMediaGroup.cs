using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>
/// sendMediaGroup with photos, as Telegram checks it: 2 to 10 items, each an upload ("attach://…") that is a PNG or JPEG
/// whose width + height is at most 10000 and whose sides differ at most 20 times; captions checked like any caption.
/// Each photo becomes a message of the album. Callers hold <see cref="BotApiState.Gate"/>.
/// </summary>
internal sealed class BotApiMediaGroup(BotApiState state)
{
    private int nextFileNumber = 1;

    public BotApiReply Send(BotApiCall call)
    {
        if (BotApiChecks.Chat(state, call.Parameters, out var chat) is { } noChat)
        {
            return noChat;
        }

        if (call.Parameters.Text("media") is not { Length: > 0 } json || JsonNode.Parse(json) is not JsonArray media)
        {
            return BotApiReply.BadRequest("media must be a JSON array");
        }

        if (media.Count is < 2 or > 10)
        {
            return BotApiReply.BadRequest("MEDIA_GROUP_COUNT_INVALID: a media group has 2 to 10 items");
        }

        var photos = new List<(string Caption, string? ParseMode, string Name, byte[] Bytes, (int, int) Size)>();
        foreach (var item in media.OfType<JsonObject>())
        {
            var caption = item["caption"]?.GetValue<string>();
            var parseMode = item["parse_mode"]?.GetValue<string>();
            if (item["type"]?.GetValue<string>() != "photo")
            {
                return BotApiReply.BadRequest("only photos are supported by the fake in a media group");
            }

            if (BotApiChecks.Caption(caption, parseMode) is { } badCaption)
            {
                return badCaption;
            }

            var reference = item["media"]?.GetValue<string>() ?? "";
            if (!reference.StartsWith("attach://", StringComparison.Ordinal) || !call.Files.TryGetValue(reference["attach://".Length..], out var upload) ||
                upload.Bytes.Length == 0)
            {
                return BotApiReply.BadRequest("wrong file identifier/HTTP URL specified");
            }

            if (!ImageSize.TryRead(upload.Bytes, out var size))
            {
                return BotApiReply.BadRequest("IMAGE_PROCESS_FAILED");
            }

            if (size.Width + size.Height > 10_000 || Math.Max(size.Width, size.Height) > 20 * Math.Min(size.Width, size.Height))
            {
                return BotApiReply.BadRequest("PHOTO_INVALID_DIMENSIONS");
            }

            photos.Add((caption ?? "", parseMode, upload.FileName, upload.Bytes, size));
        }

        var result = new JsonArray();
        foreach (var (caption, parseMode, name, bytes, size) in photos)
        {
            var fileId = $"FAKE-ALBUM-{nextFileNumber++}";
            state.Files[fileId] = (name, bytes);
            var message = new StoredMessage
            {
                MessageId = chat.NextMessageId++,
                ChatId = chat.Id,
                FromId = state.BotId,
                Date = state.Time.GetUtcNow(),
                Kind = "photo",
                Text = caption,
                ParseMode = parseMode,
                FileId = fileId,
                FileName = name,
                FileBytes = bytes,
                PhotoSize = size,
            };
            chat.Messages[message.MessageId] = message;
            result.Add(BotApiJson.Message(state, chat, message));
        }

        return BotApiReply.Ok(result);
    }
}
