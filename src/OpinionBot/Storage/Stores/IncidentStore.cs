using OpinionBot.Incidents;

namespace OpinionBot.Storage.Stores;

/// <summary>
/// The incidents, and beside them a register of the unclosed ones (id and status, a few dozen bytes each) kept in the
/// same transaction as every change: the deadline watch asks for those ids every minute, and answering from the
/// incidents' status index would read every unclosed incident whole in one read. LiteDB holds each page a read touched
/// until the read ends, and its page cache never gives memory back, so that one read set the worker's memory for good.
/// </summary>
internal sealed class IncidentStore(IDocumentTable<Incident> incidents, IDocumentTable<UnclosedIncident> unclosed) : IIncidentStore
{
    private static readonly IncidentStatus[] OpenStatuses = [.. Enum.GetValues<IncidentStatus>().Where(Lifecycle.IsOpen)];

    public Incident? Get(long id) => incidents.Get(id);

    public Incident? Find(string number) => incidents.Where(nameof(Incident.Number), number) is [var found, ..] ? found : null;

    public void Open(Incident incident)
    {
        incidents.Insert(incident);
        Register(incident.Id, incident.Status);
    }

    public void Save(Incident incident)
    {
        if (!incidents.Update(incident))
        {
            throw new InvalidOperationException($"Incident {incident.Id} ({incident.Number}) is not stored.");
        }

        Register(incident.Id, incident.Status);
    }

    public IReadOnlyList<long> WatchedIds() =>
        [.. unclosed.All().Where(u => u.Status != IncidentStatus.FalseAlarm).Select(u => u.Id).Order()];

    public IReadOnlyList<long> UnclosedIds() => [.. unclosed.All().Select(u => u.Id).Order()];

    public long? RegisterUnclosed(long afterId, int take)
    {
        // The register's entry has the incident's own field names, so it doubles as the part read.
        var read = incidents.Range<UnclosedIncident>("_id", afterId + 1, until: null, limit: take);
        foreach (var incident in read)
        {
            Register(incident.Id, incident.Status);
        }

        return read.Count == 0 ? null : read[^1].Id;
    }

    private void Register(long id, IncidentStatus status)
    {
        if (status == IncidentStatus.Closed)
        {
            unclosed.Delete(id);
        }
        else if (unclosed.Get(id) is not { } entry || entry.Status != status)
        {
            // Most saves keep the status: a lookup by id, no write.
            unclosed.Upsert(new UnclosedIncident { Id = id, Status = status });
        }
    }

    public IReadOnlyList<Incident> OpenIncidents() => WithStatus(OpenStatuses);

    public IReadOnlyList<Incident> WithStatus(params IncidentStatus[] statuses) =>
        [.. statuses.Distinct().SelectMany(status => incidents.Where(nameof(Incident.Status), status)).OrderBy(i => i.Id)];

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

/// <summary>An entry of the register of unclosed incidents (see <see cref="IncidentStore"/>): the incident's id and status.</summary>
internal sealed class UnclosedIncident
{
    public long Id { get; set; }
    public IncidentStatus Status { get; set; }
}
