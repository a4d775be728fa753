namespace OpinionBot.Incidents;

/// <summary>
/// The stored incidents. Every query goes through an index, so the cost follows what is asked for, not the 100,000
/// incidents a long-running team holds.
/// </summary>
public interface IIncidentStore
{
    Incident? Get(long id);

    /// <summary>The incident numbered <paramref name="number"/> (<c>2026-0042</c>), if any.</summary>
    Incident? Find(string number);

    /// <summary>Stores a new incident and gives it its id.</summary>
    void Open(Incident incident);

    /// <summary>Stores a change to an incident.</summary>
    void Save(Incident incident);

    /// <summary>Incidents still being worked on (<see cref="Lifecycle.IsOpen"/>), in id order.</summary>
    IReadOnlyList<Incident> OpenIncidents();

    /// <summary>Incidents in any of these states, in id order.</summary>
    IReadOnlyList<Incident> WithStatus(params IncidentStatus[] statuses);

    /// <summary>
    /// The ids, in order, of the incidents with deadlines or a watch period: neither closed nor a false alarm. Read from a
    /// small register kept with every change, not from the incidents: thousands of them are not read whole to list ids.
    /// </summary>
    IReadOnlyList<long> WatchedIds();

    /// <summary>The ids, in order, of the incidents not closed (false alarms too): from the same register.</summary>
    IReadOnlyList<long> UnclosedIds();

    /// <summary>
    /// Brings the register of unclosed incidents up to date for at most <paramref name="take"/> incidents after
    /// <paramref name="afterId"/> (a database written before the register existed); returns the last id looked at, or
    /// null when there were none.
    /// </summary>
    long? RegisterUnclosed(long afterId, int take);

    /// <summary>Incidents discovered from <paramref name="from"/> up to (not including) <paramref name="until"/>.</summary>
    IReadOnlyList<Incident> DiscoveredBetween(DateTimeOffset from, DateTimeOffset until);

    /// <summary>Incidents with an id above <paramref name="id"/>, in id order: those opened since a cursor.</summary>
    IReadOnlyList<Incident> After(long id);

    /// <summary>The ids of <see cref="After"/>, without reading the incidents whole.</summary>
    IReadOnlyList<long> IdsAfter(long id);

    /// <summary>Cluster mode: incidents whose story gained an appearance numbered above <paramref name="storySeq"/>.</summary>
    IReadOnlyList<Incident> StoryChangedAfter(long storySeq);

    /// <summary>The newest incidents first: <paramref name="take"/> after skipping <paramref name="skip"/>.</summary>
    IReadOnlyList<Incident> Latest(int skip, int take);

    IReadOnlyList<Incident> AssignedTo(long personId);

    /// <summary>Incidents assigned to this department (null: to none).</summary>
    IReadOnlyList<Incident> InDepartment(string? department);

    IReadOnlyList<Incident> WithGrade(Grade grade);

    /// <summary>Incidents that missed a deadline.</summary>
    IReadOnlyList<Incident> Overdue();

    int Count();

    /// <summary>Reported incidents whose deadlines were met, and incidents that missed one.</summary>
    (int Met, int Missed) DeadlineTally();
}
