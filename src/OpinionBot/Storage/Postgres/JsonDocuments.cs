using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LiteDB;

namespace OpinionBot.Storage.Postgres;

/// <summary>
/// BSON documents as JSON for <c>jsonb</c>, exactly reversible. Int32, Int64 and finite doubles are plain JSON numbers,
/// so jsonb compares and orders them numerically (a double always carries a '.' or stays tagged, so it reads back as a
/// double); everything JSON has no type for is a tagged object <c>{"$type": ..., "$value": ...}</c>: decimals, NaN and
/// the infinities, dates, binary, GUIDs, ObjectIds, Min/MaxValue, and strings holding U+0000, which jsonb refuses.
/// </summary>
public static class JsonDocuments
{
    private const string TypeKey = "$type";
    private const string ValueKey = "$value";

    public static string ToJson(BsonValue value)
    {
        using var buffer = new MemoryStream();
        // Text as UTF-8 rather than \u escapes: jsonb stores it the same, the wire carries half as much for Chinese.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static BsonValue FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    public static BsonDocument DocumentFromJson(string json) =>
        FromJson(json) as BsonDocument ?? throw new FormatException("A stored document is not a JSON object.");

    private static void Write(Utf8JsonWriter writer, BsonValue value)
    {
        switch (value.Type)
        {
            case BsonType.Null:
                writer.WriteNullValue();
                break;
            case BsonType.Boolean:
                writer.WriteBooleanValue(value.AsBoolean);
                break;
            case BsonType.Int32:
                writer.WriteNumberValue(value.AsInt32);
                break;
            case BsonType.Int64:
                writer.WriteNumberValue(value.AsInt64);
                break;
            case BsonType.Double:
                WriteDouble(writer, value.AsDouble);
                break;
            case BsonType.Decimal:
                Tagged(writer, "decimal", value.AsDecimal.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonType.String:
                var text = value.AsString;
                if (text.Contains('\0', StringComparison.Ordinal))
                {
                    Tagged(writer, "string", Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
                }
                else
                {
                    writer.WriteStringValue(text);
                }

                break;
            case BsonType.Document:
                writer.WriteStartObject();
                foreach (var (key, item) in value.AsDocument)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            case BsonType.Array:
                writer.WriteStartArray();
                foreach (var item in value.AsArray)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case BsonType.Binary:
                Tagged(writer, "binary", Convert.ToBase64String(value.AsBinary));
                break;
            case BsonType.ObjectId:
                Tagged(writer, "oid", value.AsObjectId.ToString());
                break;
            case BsonType.Guid:
                Tagged(writer, "guid", value.AsGuid.ToString("D"));
                break;
            case BsonType.DateTime:
                // UTC ticks as a number: dates compare and order as numbers do.
                writer.WriteStartObject();
                writer.WriteString(TypeKey, "date");
                writer.WriteNumber(ValueKey, value.AsDateTime.ToUniversalTime().Ticks);
                writer.WriteEndObject();
                break;
            case BsonType.MinValue:
                Tagged(writer, "min", null);
                break;
            case BsonType.MaxValue:
                Tagged(writer, "max", null);
                break;
            default:
                throw new NotSupportedException($"BSON type {value.Type} cannot be stored as JSON.");
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double number)
    {
        if (!double.IsFinite(number) || (number == 0 && double.IsNegative(number)))
        {
            // jsonb numbers have no NaN, infinities or negative zero.
            Tagged(writer, "double", number.ToString("R", CultureInfo.InvariantCulture));
            return;
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal) && !text.Contains("E-", StringComparison.Ordinal))
        {
            // jsonb prints 1E+20 back as 100000000000000000000, which would read back as an integer; spell it out
            // with a decimal point instead (the exact expansion of the double, which parses back to the same double).
            text = number.ToString("F1", CultureInfo.InvariantCulture);
        }
        else if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
        {
            text += ".0";
        }

        writer.WriteRawValue(text, skipInputValidation: true);
    }

    private static void Tagged(Utf8JsonWriter writer, string type, string? value)
    {
        writer.WriteStartObject();
        writer.WriteString(TypeKey, type);
        if (value is not null)
        {
            writer.WriteString(ValueKey, value);
        }

        writer.WriteEndObject();
    }

    private static BsonValue Read(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => BsonValue.Null,
        JsonValueKind.True => new BsonValue(true),
        JsonValueKind.False => new BsonValue(false),
        JsonValueKind.String => new BsonValue(element.GetString()),
        JsonValueKind.Number => ReadNumber(element),
        JsonValueKind.Array => new BsonArray(element.EnumerateArray().Select(Read)),
        _ => ReadObject(element),
    };

    private static BsonValue ReadNumber(JsonElement element)
    {
        var text = element.GetRawText();
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            if (element.TryGetInt32(out var small))
            {
                return new BsonValue(small);
            }

            if (element.TryGetInt64(out var large))
            {
                return new BsonValue(large);
            }
        }

        return new BsonValue(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static BsonValue ReadObject(JsonElement element)
    {
        if (Tag(element) is { } tag)
        {
            return tag;
        }

        var document = new BsonDocument();
        foreach (var property in element.EnumerateObject())
        {
            document[property.Name] = Read(property.Value);
        }

        return document;
    }

    /// <summary>A tagged value, or null when the object is an ordinary document.</summary>
    private static BsonValue? Tag(JsonElement element)
    {
        if (!element.TryGetProperty(TypeKey, out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var count = element.EnumerateObject().Count();
        var hasValue = element.TryGetProperty(ValueKey, out var valueElement);
        if (count != (hasValue ? 2 : 1))
        {
            return null;
        }

        var text = hasValue && valueElement.ValueKind == JsonValueKind.String ? valueElement.GetString()! : "";
        return typeElement.GetString() switch
        {
            "decimal" => new BsonValue(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            "double" => new BsonValue(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            "string" => new BsonValue(Encoding.UTF8.GetString(Convert.FromBase64String(text))),
            "binary" => new BsonValue(Convert.FromBase64String(text)),
            "oid" => new BsonValue(new ObjectId(text)),
            "guid" => new BsonValue(Guid.Parse(text)),
            // LiteDB reads dates back as local time; so does this.
            "date" when hasValue && valueElement.TryGetInt64(out var ticks) => new BsonValue(new DateTime(ticks, DateTimeKind.Utc).ToLocalTime()),
            "min" => BsonValue.MinValue,
            "max" => BsonValue.MaxValue,
            _ => null,
        };
    }
}
