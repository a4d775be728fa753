using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace OpinionBot.Chat;

/// <summary>
/// Calls getUpdates itself and returns each update as raw JSON: the library parses a whole batch at once, so one update
/// it cannot read (a lone surrogate in a text) would fail the batch and be fetched again forever.
/// </summary>
public sealed class RawUpdates(IHttpClientFactory clients, IOptions<TelegramOptions> options)
{
    /// <summary>
    /// What the bot asks Telegram for: messages, button presses, and being added to or removed from chats. The one list:
    /// the webhook registers the same kinds.
    /// </summary>
    public static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    // As the Bot API spells them (message, callback_query, my_chat_member), through the library's own JSON names.
    private static readonly JsonNode WantedNames = JsonSerializer.SerializeToNode(Wanted, JsonBotAPI.Options)!;

    public async Task<IReadOnlyList<JsonElement>> GetAsync(int offset, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var baseUrl = string.IsNullOrWhiteSpace(settings.ApiBaseUrl) ? null : settings.ApiBaseUrl.TrimEnd('/');
        var url = new TelegramBotClientOptions(settings.Token, baseUrl).BaseRequestUrl + "/getUpdates";
        var http = clients.CreateClient("telegram");
        // A JsonObject rather than an anonymous type: the same JSON, and no reflection (a Native AOT build has no code
        // for an anonymous type's converter).
        var request = new JsonObject
        {
            ["offset"] = offset,
            ["limit"] = 100,
            ["timeout"] = settings.PollTimeoutSeconds,
            ["allowed_updates"] = WantedNames.DeepClone(),
        };
        using var response = await http.PostAsJsonAsync(url, request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new RequestException($"getUpdates answered {(int)response.StatusCode} with a body that is not JSON: {Shorten(body)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
            {
                throw new RequestException($"getUpdates failed ({(int)response.StatusCode}): {Shorten(body)}");
            }

            return root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Array
                ? result.EnumerateArray().Select(update => update.Clone()).ToList()
                : [];
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
