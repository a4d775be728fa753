using System.Text;

namespace OpinionBot.Sources;

/// <summary>
/// The one spelling of an item's address used for de-duplication: resolved against its page, http(s) only,
/// lower-case host, no default port, no fragment, and without tracking parameters that vary between visits.
/// </summary>
public static class CanonicalUrl
{
    // Tracking and list-context parameters: utm_* and friends, Discuz!'s "extra" (which list page the link was on)
    // and 贴吧's "fr"; they change between list pages while the post stays the same.
    private static readonly HashSet<string> DroppedParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "spm", "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmktg",
        "share_source", "share_medium", "share_token", "vd_source", "extra", "fr", "from_spm",
    };

    /// <summary>The canonical form of <paramref name="href"/> seen on <paramref name="page"/>, or null when unusable.</summary>
    public static string? From(string? href, Uri? page)
    {
        var text = href?.Trim();
        if (string.IsNullOrEmpty(text) || text.StartsWith('#'))
        {
            return null;
        }

        Uri? uri;
        if (page is null ? !Uri.TryCreate(text, UriKind.Absolute, out uri) : !Uri.TryCreate(page, text, out uri))
        {
            return null;
        }

        if (uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var builder = new StringBuilder(uri.Scheme).Append("://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        builder.Append(uri.AbsolutePath);
        var query = Query(uri.Query);
        if (query.Length > 0)
        {
            builder.Append('?').Append(query);
        }

        return builder.ToString();
    }

    private static string Query(string query)
    {
        if (query.Length <= 1)
        {
            return "";
        }

        var kept = query[1..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair =>
            {
                var name = pair.Split('=', 2)[0];
                return !name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !DroppedParameters.Contains(name);
            });
        return string.Join('&', kept);
    }
}
