using OpinionBot.Incidents;
using OpinionBot.Storage;

namespace OpinionBot.Tests.Support;

/// <summary>What tests read and put in the incident store; a test's few incidents may be read whole.</summary>
internal static class StoredIncidents
{
    /// <summary>Every stored incident, in id order.</summary>
    public static List<Incident> AllIncidents(this OpinionDatabase db) =>
        db.Read(s => s.Incidents.Latest(0, int.MaxValue).OrderBy(i => i.Id).ToList());

    public static Incident Incident(this OpinionDatabase db, long id) =>
        db.Read(s => s.Incidents.Get(id)) ?? throw new InvalidOperationException($"No incident {id}.");

    public static void AddIncidents(this OpinionDatabase db, IEnumerable<Incident> incidents) =>
        db.Write(s =>
        {
            foreach (var incident in incidents)
            {
                s.Incidents.Open(incident);
            }
        });
}
