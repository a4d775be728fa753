using System.Globalization;

namespace OpinionBot.Sources;

/// <summary>The <c>key=value</c> fields of a source as typed in <c>/sources add|edit|test</c> (names as in the settings).</summary>
public static class SourceFields
{
    public static readonly IReadOnlyList<string> Names =
    [
        "url", "kind", "schedule", "item", "title", "link", "time", "summary", "author", "replies", "views", "content",
        "follow", "timezone", "weight", "department", "encoding", "fetch",
    ];

    /// <summary>Sets one field; false when the key is unknown or the value unusable.</summary>
    public static bool Apply(SourceDefinition source, string key, string value)
    {
        var s = source.Selectors;
        var text = value.Length == 0 ? null : value;
        switch (key)
        {
            case "url": source.Url = value; break;
            case "kind": source.Kind = value.ToLowerInvariant(); break;
            case "schedule": source.Schedule = value; break;
            case "item": s.Item = value; break;
            case "title": s.Title = text; break;
            case "link": s.Link = text; break;
            case "time": s.Time = text; break;
            case "summary": s.Summary = text; break;
            case "author": s.Author = text; break;
            case "replies": s.Replies = text; break;
            case "views": s.Views = text; break;
            case "content": s.Content = text; break;
            case "department": source.Department = text; break;
            case "encoding": source.Encoding = text; break;
            case "fetch" when value.ToLowerInvariant() is FetchModes.Http or FetchModes.Browser: source.Fetch = value.ToLowerInvariant(); break;
            case "timezone":
                if (!TimeZones.TryResolve(value, out _))
                {
                    return false;
                }

                source.TimeZone = value;
                break;
            case "follow":
                if (!bool.TryParse(value, out var follow))
                {
                    return false;
                }

                source.FollowLinks = follow;
                break;
            case "weight":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || !double.IsFinite(weight) || weight <= 0)
                {
                    return false;
                }

                source.Weight = weight;
                break;
            default: return false;
        }

        return true;
    }
}
