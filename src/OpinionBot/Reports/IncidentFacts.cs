using OpinionBot.Incidents;

namespace OpinionBot.Reports;

/// <summary>
/// Facts the ledger and reports derive from an incident the same way everywhere. Whether it is open is
/// <see cref="Lifecycle.IsOpen"/> / <see cref="Lifecycle.WasOpenAt"/>; deadlines are <see cref="ReportDeadline"/>.
/// </summary>
public static class IncidentFacts
{
    /// <summary>The earliest published appearance (首发), or the incident's own source when none has a time.</summary>
    public static Appearance? FirstAppearance(this Incident incident)
    {
        Appearance? first = null;
        foreach (var appearance in incident.Appearances)
        {
            if (appearance.Published is { } published && (first?.Published is not { } best || published < best))
            {
                first = appearance;
            }
        }

        return first;
    }

    /// <summary>首发媒体.</summary>
    public static string FirstMedium(this Incident incident) =>
        incident.FirstAppearance() is { SourceName.Length: > 0 } first ? first.SourceName : incident.SourceName;

    /// <summary>首发时间: the earliest known publish time.</summary>
    public static DateTimeOffset? FirstPublished(this Incident incident)
    {
        var first = incident.FirstAppearance()?.Published;
        return (first, incident.Published) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            _ => first ?? incident.Published,
        };
    }

    /// <summary>The incident's link: its own URL, or the first publisher's.</summary>
    public static string Link(this Incident incident) =>
        incident.Url.Length > 0 ? incident.Url : incident.FirstAppearance()?.Url ?? "";
}
