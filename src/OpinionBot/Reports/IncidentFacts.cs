using OpinionBot.Incidents;

namespace OpinionBot.Reports;

/// <summary>Facts the ledger and reports derive from an incident the same way everywhere.</summary>
public static class IncidentFacts
{
    /// <summary>Still needs someone: not resolved, closed or dismissed as a false alarm.</summary>
    public static bool IsOpen(this Incident incident) => incident.Status is
        IncidentStatus.New or IncidentStatus.Claimed or IncidentStatus.Reported or IncidentStatus.Handling;

    /// <summary>
    /// Open at <paramref name="instant"/>: discovered by then and not yet resolved or closed then. Lets a report for a
    /// past day show what was open on that day rather than today.
    /// </summary>
    public static bool WasOpenAt(this Incident incident, DateTimeOffset instant) =>
        incident.Discovered <= instant &&
        (incident.IsOpen() || (incident.Status != IncidentStatus.FalseAlarm && (incident.ResolvedAt ?? incident.ClosedAt) > instant));

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
