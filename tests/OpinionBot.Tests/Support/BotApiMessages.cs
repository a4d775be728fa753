using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>sendMessage, sendDocument and sendPhoto. Callers hold <see cref="BotApiState.Gate"/>.</summary>
internal sealed class BotApiMessages(BotApiState state)
{
    private int nextFileNumber = 1;

    public BotApiReply SendMessage(BotApiCall call)
    {
        var parameters = call.Parameters;
        var text = parameters.Text("text");
        var parseMode = parameters.Text("parse_mode");
        if (BotApiChecks.Chat(state, parameters, out var chat) is { } noChat)
        {
            return noChat;
        }

        if (BotApiChecks.Text(text, parseMode) is { } badText)
        {
            return badText;
        }

        if (BotApiChecks.Keyboard(parameters, out var markup) is { } badKeyboard)
        {
            return badKeyboard;
        }

        if (BotApiChecks.Reply(parameters, chat, out var replyTo) is { } badReply)
        {
            return badReply;
        }

        return Store(chat, new StoredMessage
        {
            MessageId = chat.NextMessageId,
            ChatId = chat.Id,
            FromId = state.BotId,
            Date = state.Time.GetUtcNow(),
            Text = text,
            ParseMode = parseMode,
            Markup = markup,
            ReplyTo = replyTo,
        });
    }

    /// <summary>sendDocument (field "document") and sendPhoto (field "photo").</summary>
    public BotApiReply SendFile(BotApiCall call, string kind)
    {
        var parameters = call.Parameters;
        var caption = parameters.Text("caption");
        var parseMode = parameters.Text("parse_mode");
        if (BotApiChecks.Chat(state, parameters, out var chat) is { } noChat)
        {
            return noChat;
        }

        if (BotApiChecks.Caption(caption, parseMode) is { } badCaption)
        {
            return badCaption;
        }

        if (BotApiChecks.Keyboard(parameters, out var markup) is { } badKeyboard)
        {
            return badKeyboard;
        }

        if (BotApiChecks.Reply(parameters, chat, out var replyTo) is { } badReply)
        {
            return badReply;
        }

        if (File(call, kind, out var fileId, out var file) is { } badFile)
        {
            return badFile;
        }

        var size = (0, 0);
        if (kind == "photo" && !ImageSize.TryRead(file.Bytes, out size))
        {
            return BotApiReply.BadRequest("IMAGE_PROCESS_FAILED");
        }

        return Store(chat, new StoredMessage
        {
            MessageId = chat.NextMessageId,
            ChatId = chat.Id,
            FromId = state.BotId,
            Date = state.Time.GetUtcNow(),
            Kind = kind,
            Text = caption,
            ParseMode = parseMode,
            Markup = markup,
            ReplyTo = replyTo,
            FileId = fileId,
            FileName = file.Name,
            FileBytes = file.Bytes,
            PhotoSize = size,
        });
    }

    private BotApiReply Store(FakeChat chat, StoredMessage message)
    {
        chat.NextMessageId++;
        chat.Messages[message.MessageId] = message;
        return BotApiReply.Ok(BotApiJson.Message(state, chat, message));
    }

    /// <summary>An upload ("attach://0"), or the file_id of a file sent before; URLs cannot be fetched offline.</summary>
    private BotApiReply? File(BotApiCall call, string kind, out string fileId, out (string? Name, byte[] Bytes) file)
    {
        fileId = "";
        file = default;
        var reference = call.Parameters.Text(kind);
        if (string.IsNullOrEmpty(reference))
        {
            return BotApiReply.BadRequest($"there is no {kind} in the request");
        }

        if (reference.StartsWith("attach://", StringComparison.Ordinal))
        {
            if (!call.Files.TryGetValue(reference["attach://".Length..], out var upload))
            {
                return BotApiReply.BadRequest("wrong file identifier/HTTP URL specified");
            }

            if (upload.Bytes.Length == 0)
            {
                return BotApiReply.BadRequest("file must be non-empty");
            }

            fileId = $"FAKE-{kind.ToUpperInvariant()}-{nextFileNumber++}";
            file = upload;
            state.Files[fileId] = file;
            return null;
        }

        if (state.Files.TryGetValue(reference, out file))
        {
            fileId = reference;
            return null;
        }

        return Uri.IsWellFormedUriString(reference, UriKind.Absolute)
            ? BotApiReply.BadRequest("failed to get HTTP URL content")
            : BotApiReply.BadRequest("wrong file identifier/HTTP URL specified");
    }
}
