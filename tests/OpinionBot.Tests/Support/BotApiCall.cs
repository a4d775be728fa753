using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpinionBot.Tests.Support;

/// <summary>One parsed Bot API request: "/bot{token}/{method}" plus parameters from the query, JSON or form body.</summary>
internal sealed record BotApiCall(
    string Token,
    string Method,
    JsonObject Parameters,
    IReadOnlyDictionary<string, (string FileName, byte[] Bytes)> Files)
{
    /// <summary>Null when the path is not a Bot API method path.</summary>
    public static async Task<BotApiCall?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var path = request.Path.Value ?? "";
        if (!path.StartsWith("/bot", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = path[4..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return null;
        }

        var parameters = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = FieldValue(value.ToString());
        }

        var files = new Dictionary<string, (string, byte[])>();
        if (request.HasJsonContentType())
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            foreach (var (key, value) in body?.AsObject() ?? [])
            {
                parameters[key] = value?.DeepClone();
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                parameters[key] = FieldValue(value.ToString());
            }

            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken);
                files[file.Name] = (file.FileName, buffer.ToArray());
            }
        }

        return new BotApiCall(Uri.UnescapeDataString(parts[0]), parts[1], parameters, files);
    }

    /// <summary>Multipart and query fields are text; objects and arrays inside them are JSON, as Telegram reads them.</summary>
    private static JsonNode? FieldValue(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        return JsonValue.Create(text);
    }
}
