using OpinionBot.Incidents;

namespace OpinionBot.Reports.Evidence;

/// <summary>The pages of an incident that have no evidence yet: its own link and every appearance (reposts too).</summary>
public static class AppearanceUrls
{
    /// <param name="firstToo">False leaves out the incident's own link and its first appearance (already captured when it opened).</param>
    /// <param name="since">Only appearances found after this; older pages are no longer "as they were".</param>
    public static IReadOnlyList<string> Missing(Incident incident, EvidenceStore store, bool firstToo, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(store);
        var urls = new List<string>();
        if (firstToo && incident.Url.Length > 0)
        {
            urls.Add(incident.Url);
        }

        urls.AddRange(incident.Appearances.Skip(firstToo ? 0 : 1).Where(a => a.Discovered > since && a.Url.Length > 0).Select(a => a.Url));
        var captured = store.List(incident.Number).Select(r => r.Url).ToHashSet(StringComparer.Ordinal);
        if (!firstToo)
        {
            captured.Add(incident.Url);
        }

        return urls.Distinct(StringComparer.Ordinal).Where(u => !captured.Contains(u)).ToList();
    }
}
