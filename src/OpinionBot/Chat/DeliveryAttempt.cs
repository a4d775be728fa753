using System.Text;
using OpinionBot.Reports;
using OpinionBot.Storage;
using Telegram.Bot.Exceptions;

namespace OpinionBot.Chat;

/// <summary>
/// Readies an outbox message for its call to Telegram and marks it as being sent. A message already marked was being
/// sent when the worker stopped: Telegram may have shown it, so it goes again headed (重发) — a visible repeat rather
/// than a silent double or a loss. Text, captions and button data are fitted to Telegram's limits as a last resort.
/// </summary>
public sealed class DeliveryAttempt(OpinionDatabase db, ChatLanguages languages, TimeProvider time, ILogger<DeliveryAttempt> logger)
{
    public const int TextLimit = 4096;
    public const int CaptionLimit = 1024;
    public const int CallbackDataLimit = 64;

    /// <summary>Marks the message as sending (stored before the call), with the repeat marker and limits applied.</summary>
    public void Begin(OutboxMessage message)
    {
        var text = languages.For(message.ChatId);
        if (message.SendingAt is not null && message.Kind is OutboxKind.Send or OutboxKind.Document or OutboxKind.Photo &&
            !message.Text.StartsWith(text.Resent, StringComparison.Ordinal))
        {
            logger.LogWarning("Outbox message {Id} for chat {ChatId} was being sent when the worker stopped; sending it again marked", message.Id, message.ChatId);
            message.Text = text.Resent + " " + message.Text;
        }

        var limit = message.Kind is OutboxKind.Document or OutboxKind.Photo ? CaptionLimit : TextLimit;
        if (Fit(message.Text, limit, text.Trimmed) is { } fitted)
        {
            logger.LogError("Outbox message {Id} for chat {ChatId} was {Length} characters, over Telegram's {Limit}: cut", message.Id, message.ChatId, message.Text.Length, limit);
            message.Text = fitted;
        }

        if (message.Buttons is { } rows && rows.Any(row => row.Any(b => !FitsCallbackData(b.Data))))
        {
            logger.LogError("Outbox message {Id} had buttons whose data is over {Limit} bytes: those buttons are left out", message.Id, CallbackDataLimit);
            message.Buttons = rows.Select(row => row.Where(b => FitsCallbackData(b.Data)).ToList()).Where(row => row.Count > 0).ToList();
        }

        message.SendingAt = time.GetUtcNow();
        db.Write(s => s.Outbox.Save(message));
    }

    /// <summary>The HTML cut to the limit with a marker at the end; null when it already fits.</summary>
    public static string? Fit(string html, int limit, string marker)
    {
        if (html.Length <= limit)
        {
            return null;
        }

        return TelegramText.Split(html, limit - marker.Length - 1)[0] + "\n" + marker;
    }

    /// <summary>
    /// Whether a failed call may still have shown the message: a timeout or a connection cut after the request went
    /// out. Any answer from the server (an error status, nginx's page) or a connection never made means it did not.
    /// </summary>
    public static bool MayHaveArrived(Exception error)
    {
        if (error is ApiRequestException || error is RequestException { HttpStatusCode: not null })
        {
            return false;
        }

        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError })
            {
                return false;
            }
        }

        return true;
    }

    public static bool FitsCallbackData(string data) => data.Length > 0 && Encoding.UTF8.GetByteCount(data) <= CallbackDataLimit;
}
