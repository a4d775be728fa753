using OpinionBot.Incidents;
using OpinionBot.Storage;

namespace OpinionBot.Reports;

/// <summary>Loads what a report needs from the database: the incidents discovered in the period, and every open one.</summary>
public static class ReportInputs
{
    private static readonly IncidentStatus[] OpenStatuses = [.. Enum.GetValues<IncidentStatus>().Where(Lifecycle.IsOpen)];

    public static List<Incident> Load(OpinionDatabase db, ReportPeriod period, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        var start = period.Start(zone);
        var end = period.End(zone);
        var found = db.Incidents.Find(x => x.Discovered >= start && x.Discovered < end).ToList();
        var seen = found.Select(x => x.Id).ToHashSet();
        foreach (var status in OpenStatuses)
        {
            found.AddRange(db.Incidents.Find(x => x.Status == status).Where(x => seen.Add(x.Id)));
        }

        return found;
    }
}
