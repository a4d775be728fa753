using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>What the fake answers: an HTTP status and a body shaped like Telegram's (or like nginx's, for HTML).</summary>
internal sealed record BotApiReply(int Status, string Body, string ContentType)
{
    private const string Json = "application/json";

    /// <summary>Keeps Chinese readable in bodies and failure dumps; Telegram itself sends raw UTF-8 too.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static BotApiReply Ok(JsonNode? result) =>
        new(200, new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString(JsonOptions), Json);

    /// <summary>For results that are already JSON text (getUpdates with raw, possibly hostile, updates).</summary>
    public static BotApiReply OkRaw(string resultJson) => new(200, $$"""{"ok":true,"result":{{resultJson}}}""", Json);

    public static BotApiReply BadRequest(string what) => Error(400, "Bad Request: " + what);

    public static BotApiReply Error(int code, string description, int? retryAfter = null, long? migrateToChatId = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }

        if (migrateToChatId is { } newId)
        {
            body["parameters"] = new JsonObject { ["migrate_to_chat_id"] = newId };
        }

        return new(code, body.ToJsonString(JsonOptions), Json);
    }

    /// <summary>The page nginx shows when the API behind it is gone: not JSON at all.</summary>
    public static BotApiReply NginxPage(int status)
    {
        var title = $"{status} {DefaultDescription(status)}";
        var body = $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n"
            + "<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n";
        return new(status, body, "text/html");
    }

    public static string DefaultDescription(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Time-out",
        _ => "Error",
    };
}
