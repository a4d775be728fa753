using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>Reads request parameters the lenient way Telegram does: numbers may arrive as strings (multipart).</summary>
internal static class BotApiParameters
{
    public static string? Text(this JsonObject parameters, string name) =>
        parameters[name] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            var node => node.ToJsonString(),
        };

    public static long? Long(this JsonObject parameters, string name) =>
        long.TryParse(parameters.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static bool Flag(this JsonObject parameters, string name) =>
        string.Equals(parameters.Text(name), "true", StringComparison.OrdinalIgnoreCase);

    public static JsonObject? Object(this JsonObject parameters, string name) => parameters[name] as JsonObject;
}
