namespace OpinionBot.Sources;

/// <summary>How sources are fetched: politeness, limits and the SSRF allow list (section <c>Fetching</c>).</summary>
public sealed class FetchingOptions
{
    public const string Section = "Fetching";

    /// <summary>
    /// Host names (<c>intranet.local</c>, <c>*.intranet.local</c>) or address ranges (<c>127.0.0.0/8</c>, <c>10.1.2.3</c>)
    /// that may be fetched even though they are private. Everything else private, loopback or link-local is refused.
    /// </summary>
    public List<string> AllowList { get; set; } = [];

    public string UserAgent { get; set; } = "Mozilla/5.0 (compatible; OpinionBot/1.0; public-opinion monitor)";

    /// <summary>An http proxy, e.g. <c>http://proxy.local:3128</c>; none when empty.</summary>
    public string? Proxy { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whole request, all redirects and the body included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest body accepted, counted after decompression.</summary>
    public long MaxResponseBytes { get; set; } = 5 * 1024 * 1024;

    public int MaxRedirects { get; set; } = 5;

    public int MaxConcurrencyPerHost { get; set; } = 2;

    /// <summary>
    /// Least time between two requests to one host. Half a second still allows 120 requests a minute, so 60 sources on
    /// one site checked every minute keep to time with room for retries and evidence pages.
    /// </summary>
    public TimeSpan MinIntervalPerHost { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Consecutive failed reads before the supervisors hear that a source is failing.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>At most this many item pages are fetched per read of a source with <c>FollowLinks</c>.</summary>
    public int MaxFollowedLinks { get; set; } = 20;
}
