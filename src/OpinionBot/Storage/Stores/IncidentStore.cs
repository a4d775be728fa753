using OpinionBot.Incidents;

namespace OpinionBot.Storage.Stores;

internal sealed class IncidentStore(IDocumentTable<Incident> incidents) : IIncidentStore
{
    private static readonly IncidentStatus[] OpenStatuses = [.. Enum.GetValues<IncidentStatus>().Where(Lifecycle.IsOpen)];

    public Incident? Get(long id) => incidents.Get(id);

    public Incident? Find(string number) => incidents.Where(nameof(Incident.Number), number) is [var found, ..] ? found : null;

    public void Open(Incident incident) => incidents.Insert(incident);

    public void Save(Incident incident)
    {
        if (!incidents.Update(incident))
        {
            throw new InvalidOperationException($"Incident {incident.Id} ({incident.Number}) is not stored.");
        }
    }

    public IReadOnlyList<Incident> OpenIncidents() => WithStatus(OpenStatuses);

    public IReadOnlyList<Incident> WithStatus(params IncidentStatus[] statuses) =>
        [.. statuses.Distinct().SelectMany(status => incidents.Where(nameof(Incident.Status), status)).OrderBy(i => i.Id)];

    public IReadOnlyList<long> IdsWithStatus(params IncidentStatus[] statuses) =>
        [.. statuses.Distinct().SelectMany(status => incidents.Where<IdOnly>(nameof(Incident.Status), status)).Select(i => i.Id).Order()];

    public IReadOnlyList<Incident> DiscoveredBetween(DateTimeOffset from, DateTimeOffset until) =>
        incidents.Range(nameof(Incident.Discovered), from, until);

    public IReadOnlyList<Incident> After(long id) => id == long.MaxValue ? [] : incidents.Range("_id", id + 1, until: null);

    public IReadOnlyList<long> IdsAfter(long id) =>
        id == long.MaxValue ? [] : [.. incidents.Range<IdOnly>("_id", id + 1, until: null).Select(i => i.Id)];

    public IReadOnlyList<Incident> StoryChangedAfter(long storySeq) =>
        storySeq == long.MaxValue ? [] : incidents.Range(nameof(Incident.StorySeq), storySeq + 1, until: null);

    public IReadOnlyList<Incident> Latest(int skip, int take) =>
        [.. incidents.Range("_id", from: null, until: null, limit: skip + take, descending: true).Skip(skip)];

    public IReadOnlyList<Incident> AssignedTo(long personId) => incidents.Where(nameof(Incident.AssigneeId), personId);

    public IReadOnlyList<Incident> InDepartment(string? department) => incidents.Where(nameof(Incident.Department), department);

    public IReadOnlyList<Incident> WithGrade(Grade grade) => incidents.Where(nameof(Incident.Grade), grade);

    public IReadOnlyList<Incident> Overdue() => incidents.Where(nameof(Incident.Overdue), true);

    public int Count() => incidents.Count();

    public (int Met, int Missed) DeadlineTally()
    {
        // Missed deadlines are the exception, so the overdue ones are read; the reported ones are only counted.
        var overdue = Overdue();
        var reported = incidents.Count() - incidents.Count(nameof(Incident.ReportedAt), null);
        return (reported - overdue.Count(i => i.ReportedAt is not null), overdue.Count);
    }
}

/// <summary>A document read for its id alone.</summary>
internal sealed class IdOnly
{
    public long Id { get; set; }
}
