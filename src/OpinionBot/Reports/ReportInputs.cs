using OpinionBot.Incidents;
using OpinionBot.Storage;

namespace OpinionBot.Reports;

/// <summary>Loads what a report needs from the database: the incidents discovered in the period, and every open one.</summary>
public static class ReportInputs
{
    public static List<Incident> Load(OpinionDatabase db, ReportPeriod period, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        var start = period.Start(zone);
        var end = period.End(zone);
        return db.Read(s =>
        {
            var found = s.Incidents.DiscoveredBetween(start, end).ToList();
            var seen = found.Select(x => x.Id).ToHashSet();
            found.AddRange(s.Incidents.OpenIncidents().Where(x => seen.Add(x.Id)));
            return found;
        });
    }
}
