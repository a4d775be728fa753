using OpinionBot.Scheduling;

namespace OpinionBot.Sources;

/// <summary>The one check of a source definition, shared by the settings validation at start and <c>/sources add</c>.</summary>
public static class SourceDefinitionCheck
{
    /// <summary>What is wrong with one source (kind, URL, schedule), or null; the chat's <c>/sources</c> checks the same.</summary>
    public static string? Problem(SourceDefinition source, string at)
    {
        if (source.Kind is not (SourceKinds.Feed or SourceKinds.Html or SourceKinds.Search))
        {
            return $"{at}:Kind '{source.Kind}' of source '{source.Name}' is unknown: use feed, html or search.";
        }

        if (!Uri.TryCreate(source.Url.Replace("{keyword}", "k", StringComparison.Ordinal), UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("http" or "https"))
        {
            return $"{at}:Url '{source.Url}' of source '{source.Name}' is not an http(s) URL.";
        }

        if (!double.IsFinite(source.Weight) || source.Weight <= 0)
        {
            return $"{at}:Weight of source '{source.Name}' must be a positive number such as 1 or 1.5.";
        }

        return SourceSchedule.TryParse(source.Schedule, out _, out var error)
            ? null
            : $"{at}:Schedule '{source.Schedule}' of source '{source.Name}' is invalid: {error}.";
    }
}
