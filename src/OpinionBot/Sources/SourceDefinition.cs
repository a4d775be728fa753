namespace OpinionBot.Sources;

/// <summary>One monitored source as configured under <c>Sources</c> (or added later from chat).</summary>
public sealed class SourceDefinition
{
    public string Name { get; set; } = "";

    /// <summary><c>feed</c>, <c>html</c> or <c>search</c>.</summary>
    public string Kind { get; set; } = SourceKinds.Feed;

    /// <summary>The page or feed; for <c>search</c>, a template with <c>{keyword}</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary><c>morning-noon-evening</c>, <c>every 30s</c>, <c>every 10m</c>, <c>every 2h</c>, or a Quartz cron expression.</summary>
    public string Schedule { get; set; } = "every 10m";

    public bool Enabled { get; set; } = true;

    /// <summary>IANA or Windows time-zone id for times the site prints without an offset.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Importance of the source for grading (1 = normal).</summary>
    public double Weight { get; set; } = 1.0;

    /// <summary>The department that owns items from this source, for routing.</summary>
    public string? Department { get; set; }

    /// <summary>
    /// The charset the site expects in its search URLs (e.g. <c>gbk</c> for an old Discuz! board); UTF-8 when unset.
    /// Pages themselves are decoded from what they declare and contain, not from this.
    /// </summary>
    public string? Encoding { get; set; }

    /// <summary>CSS selectors for <c>html</c> and <c>search</c> sources.</summary>
    public SourceSelectors Selectors { get; set; } = new();

    /// <summary>Fetch each new item's own page to read its text, so topics can match the body.</summary>
    public bool FollowLinks { get; set; }

    /// <summary>
    /// How the list page is read: <c>http</c> (default) or <c>browser</c>, for pages that build their list with
    /// JavaScript; same selectors and health notices either way.
    /// </summary>
    public string Fetch { get; set; } = FetchModes.Http;

    public TimeZoneInfo ResolveTimeZone() => TimeZones.Resolve(TimeZone);
}

/// <summary>Where the parts of each listed item are on a page. Selectors inside an item are relative to it.</summary>
public sealed class SourceSelectors
{
    /// <summary>One element per post or article (e.g. <c>tbody[id^=normalthread]</c>).</summary>
    public string Item { get; set; } = "";

    /// <summary>Defaults to the link's text.</summary>
    public string? Title { get; set; }

    /// <summary>Defaults to the first link in the item.</summary>
    public string? Link { get; set; }

    public string? Time { get; set; }
    public string? Summary { get; set; }
    public string? Author { get; set; }
    public string? Replies { get; set; }
    public string? Views { get; set; }

    /// <summary>The article text on a followed item page; found automatically when unset.</summary>
    public string? Content { get; set; }
}

public static class FetchModes
{
    public const string Http = "http";
    public const string Browser = "browser";
}

public static class SourceKinds
{
    public const string Feed = "feed";
    public const string Html = "html";
    public const string Search = "search";
}

/// <summary>Time-zone ids from settings, with a safe default so a typo does not stop polling.</summary>
public static class TimeZones
{
    public const string Default = "Asia/Shanghai";

    public static TimeZoneInfo Resolve(string? id)
    {
        if (TryResolve(id, out var zone))
        {
            return zone;
        }

        return TryResolve(Default, out var china) ? china : TimeZoneInfo.CreateCustomTimeZone(Default, TimeSpan.FromHours(8), Default, Default);
    }

    public static bool TryResolve(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
