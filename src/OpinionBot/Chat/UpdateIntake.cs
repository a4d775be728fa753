using System.Text.Json;
using System.Text.RegularExpressions;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace OpinionBot.Chat;

/// <summary>
/// Takes one update as raw JSON (from getUpdates or a webhook), reads it and hands it to the router. An update that
/// cannot be read or handled is logged with its id and (trimmed) JSON and skipped, so it never blocks the ones after it.
/// </summary>
public sealed partial class UpdateIntake(UpdateRouter router, ILogger<UpdateIntake> logger)
{
    private const int LoggedJson = 500;

    /// <summary>One update as a webhook receives it (the request body); text that is not even JSON is logged and dropped.</summary>
    public async Task<int?> HandleAsync(string json, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            logger.LogWarning("Skipped an update that is not JSON: {Json}", Trimmed(json));
            return null;
        }

        using (document)
        {
            return await HandleAsync(document.RootElement, cancellationToken);
        }
    }

    /// <summary>Reads and handles one update; returns its id, or null when the JSON does not even carry one.</summary>
    public async Task<int?> HandleAsync(JsonElement raw, CancellationToken cancellationToken)
    {
        int? id = raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("update_id", out var idValue) &&
                  idValue.ValueKind == JsonValueKind.Number && idValue.TryGetInt32(out var value) ? value : null;
        if (id is null)
        {
            logger.LogWarning("Skipped an update without an id: {Json}", Trimmed(raw.GetRawText()));
            return null;
        }

        try
        {
            if (Read(raw.GetRawText()) is not { } update)
            {
                logger.LogWarning("Skipped update {UpdateId}: it cannot be read: {Json}", id, Trimmed(raw.GetRawText()));
                router.Skip(id.Value);
                return id;
            }

            await router.HandleAsync(update, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Skipped update {UpdateId}: it could not be handled: {Json}", id, Trimmed(raw.GetRawText()));
            TrySkip(id.Value);
        }

        return id;
    }

    /// <summary>
    /// The library's reading, else the same after replacing lone surrogates (<c>\ud800</c>: valid JSON, not a valid
    /// string) with U+FFFD, so a command typed with a broken character is still answered. Null when neither reads.
    /// </summary>
    internal static Update? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            var repaired = LoneSurrogate().Replace(json, @"\ufffd");
            if (repaired == json)
            {
                return null;
            }

            try
            {
                return JsonSerializer.Deserialize<Update>(repaired, JsonBotAPI.Options);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    private void TrySkip(int id)
    {
        try
        {
            router.Skip(id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The poller moves its own offset on regardless; storing it is only for the next start.
            logger.LogWarning("Could not store update {UpdateId} as skipped: {Error}", id, ex.Message);
        }
    }

    private static string Trimmed(string json) => json.Length <= LoggedJson ? json : json[..LoggedJson] + "…";

    // A high surrogate escape not followed by a low one, or a low one not preceded by a high one.
    [GeneratedRegex(@"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")]
    private static partial Regex LoneSurrogate();
}
