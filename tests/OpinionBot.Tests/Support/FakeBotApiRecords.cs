using System.Text.Json;

namespace OpinionBot.Tests.Support;

/// <summary>A message as it is now in a fake chat: edits applied, deleted messages gone.</summary>
/// <param name="Text">The text, or the caption of a document or photo, exactly as sent (markup not rendered).</param>
/// <param name="Buttons">Inline keyboard rows; Data is the callback_data, or the URL of a link button.</param>
/// <param name="Kind">"text", "document" or "photo".</param>
/// <param name="FromUserId">The bot's id for messages the bot sent, otherwise the injected user's id.</param>
public sealed record FakeMessage(
    int MessageId,
    long ChatId,
    string? Text,
    IReadOnlyList<IReadOnlyList<(string Text, string Data)>> Buttons,
    int? ReplyToMessageId,
    int Edits,
    string Kind,
    string? ParseMode,
    string? FileName,
    byte[]? FileBytes,
    long FromUserId,
    DateTimeOffset Date)
{
    /// <summary>All button labels, row by row, for quick assertions.</summary>
    public IEnumerable<string> ButtonTexts => Buttons.SelectMany(row => row.Select(button => button.Text));

    /// <summary>The callback data of the first button with this label, or null.</summary>
    public string? ButtonData(string text) =>
        Buttons.SelectMany(row => row).Where(button => button.Text == text).Select(button => button.Data).FirstOrDefault();
}

/// <summary>One call the bot made, with its parameters as parsed JSON (multipart fields arrive as strings).</summary>
/// <param name="Status">The HTTP status the fake answered.</param>
/// <param name="ChatId">The numeric chat_id parameter, when there is one.</param>
/// <param name="Files">Uploaded files: form field name to (file name, bytes).</param>
public sealed record RecordedRequest(
    string Method,
    long? ChatId,
    JsonElement Parameters,
    IReadOnlyDictionary<string, (string FileName, byte[] Bytes)> Files,
    int Status,
    DateTimeOffset Time)
{
    /// <summary>A top-level parameter as text (numbers and JSON values as their raw text), or null.</summary>
    public string? Parameter(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public override string ToString() => $"{Time:HH:mm:ss.fff} {Method} -> {Status} {Parameters.GetRawText()}";
}

/// <summary>An answerCallbackQuery call that the fake accepted.</summary>
public sealed record CallbackAnswer(string CallbackQueryId, string? Text, bool ShowAlert);
