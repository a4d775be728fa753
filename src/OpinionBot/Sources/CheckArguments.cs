namespace OpinionBot.Sources;

/// <summary>The parsed command line of <see cref="CheckCommand"/>.</summary>
internal sealed record CheckArguments(SourceDefinition Source, IReadOnlyList<string> Keywords, bool Json)
{
    public static bool TryParse(string[] args, FetchingOptions fetching, out CheckArguments parsed)
    {
        var source = new SourceDefinition { Name = "check", Kind = "" };
        var keywords = new List<string>();
        var json = false;
        string? url = null;
        var list = args.Length > 0 && args[0] == "check" ? args[1..] : args;
        for (var i = 0; i < list.Length; i++)
        {
            var arg = list[i];
            if (arg is "--json")
            {
                json = true;
                continue;
            }

            if (arg is "--follow")
            {
                source.FollowLinks = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                url ??= arg;
                continue;
            }

            if (i + 1 >= list.Length || !Apply(arg, list[++i], source, keywords, fetching))
            {
                parsed = new CheckArguments(source, keywords, json);
                return false;
            }
        }

        source.Url = url ?? "";
        source.Kind = source.Kind.Length > 0 ? source.Kind
            : source.Url.Contains("{keyword}", StringComparison.Ordinal) ? SourceKinds.Search
            : string.IsNullOrEmpty(source.Selectors.Item) ? SourceKinds.Feed : SourceKinds.Html;
        parsed = new CheckArguments(source, keywords, json);
        var probe = source.Url.Replace("{keyword}", "k", StringComparison.Ordinal);
        return Uri.TryCreate(probe, UriKind.Absolute, out _) &&
            source.Kind is SourceKinds.Feed or SourceKinds.Html or SourceKinds.Search &&
            (source.Kind != SourceKinds.Search || keywords.Count > 0);
    }

    private static bool Apply(string name, string value, SourceDefinition source, List<string> keywords, FetchingOptions fetching)
    {
        var s = source.Selectors;
        switch (name)
        {
            case "--kind": source.Kind = value.ToLowerInvariant(); break;
            case "--item": s.Item = value; break;
            case "--title": s.Title = value; break;
            case "--link": s.Link = value; break;
            case "--time": s.Time = value; break;
            case "--summary": s.Summary = value; break;
            case "--author": s.Author = value; break;
            case "--replies": s.Replies = value; break;
            case "--views": s.Views = value; break;
            case "--content": s.Content = value; break;
            case "--keyword": keywords.Add(value); break;
            case "--encoding": source.Encoding = value; break;
            case "--timezone": source.TimeZone = value; break;
            case "--allow": fetching.AllowList.Add(value); break;
            case "--config": break; // read by CheckCommand: the settings file whose Fetching/Culture apply

            default: return false;
        }

        return true;
    }
}
