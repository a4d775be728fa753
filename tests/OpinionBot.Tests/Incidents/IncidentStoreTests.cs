using OpinionBot.Incidents;
using OpinionBot.Storage;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>The incident store's queries: each answers from an index, and answers exactly what it says.</summary>
public sealed class IncidentStoreTests : IDisposable
{
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("incident-store-").FullName;
    private readonly OpinionDatabase _db;

    public IncidentStoreTests() => _db = new OpinionDatabase(Path.Combine(_folder, "bot.db"));

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Open_GivesIds_FindAndGetReadThemBack()
    {
        var first = Open(1, IncidentStatus.New);
        var second = Open(2, IncidentStatus.Claimed);

        Assert.True(first.Id > 0);
        Assert.True(second.Id > first.Id);
        Assert.Equal("2026-0002", _db.Read(s => s.Incidents.Get(second.Id))!.Number);
        Assert.Equal(first.Id, _db.Read(s => s.Incidents.Find("2026-0001"))!.Id);
        Assert.Null(_db.Read(s => s.Incidents.Find("2026-0003")));
        Assert.Null(_db.Read(s => s.Incidents.Get(999)));
    }

    [Fact]
    public void Save_StoresTheChange_AndRefusesAnIncidentNeverOpened()
    {
        var incident = Open(1, IncidentStatus.New);
        incident.Status = IncidentStatus.Handling;
        incident.Version++;
        _db.Write(s => s.Incidents.Save(incident));

        Assert.Equal(IncidentStatus.Handling, _db.Read(s => s.Incidents.Get(incident.Id))!.Status);
        Assert.Throws<InvalidOperationException>(() => _db.Write(s => s.Incidents.Save(new Incident { Id = 999, Number = "2026-0999" })));
        Assert.Throws<InvalidOperationException>(() => _db.Read(s => { s.Incidents.Save(incident); return 0; }));
    }

    [Fact]
    public void ByStatus_OpenIncidentsAreTheOnesStillWorkedOn_InIdOrder()
    {
        foreach (var (n, status) in new[] { (1, IncidentStatus.Handling), (2, IncidentStatus.New), (3, IncidentStatus.Resolved), (4, IncidentStatus.Closed), (5, IncidentStatus.FalseAlarm), (6, IncidentStatus.Reported), (7, IncidentStatus.Claimed) })
        {
            Open(n, status);
        }

        Assert.Equal(["2026-0001", "2026-0002", "2026-0006", "2026-0007"], _db.Read(s => s.Incidents.OpenIncidents()).Select(i => i.Number));
        Assert.Equal(["2026-0003", "2026-0004"],
            _db.Read(s => s.Incidents.WithStatus(IncidentStatus.Closed, IncidentStatus.Resolved, IncidentStatus.Closed)).Select(i => i.Number));
        Assert.Empty(_db.Read(s => s.Incidents.WithStatus()));
    }

    [Fact]
    public void DiscoveredBetween_IncludesTheStart_NotTheEnd()
    {
        Open(1, IncidentStatus.New, discovered: March.AddTicks(-1));
        Open(2, IncidentStatus.New, discovered: March);
        Open(3, IncidentStatus.Closed, discovered: March.AddDays(30));
        Open(4, IncidentStatus.New, discovered: March.AddDays(31));

        Assert.Equal(["2026-0002", "2026-0003"], _db.Read(s => s.Incidents.DiscoveredBetween(March, March.AddDays(31))).Select(i => i.Number));
    }

    [Fact]
    public void AfterAndLatest_WalkTheIds()
    {
        var ids = Enumerable.Range(1, 5).Select(n => Open(n, IncidentStatus.New).Id).ToList();

        Assert.Equal(ids[2..], _db.Read(s => s.Incidents.After(ids[1])).Select(i => i.Id));
        Assert.Equal(ids, _db.Read(s => s.Incidents.After(0)).Select(i => i.Id));
        Assert.Empty(_db.Read(s => s.Incidents.After(long.MaxValue)));
        Assert.Equal([ids[4], ids[3]], _db.Read(s => s.Incidents.Latest(0, 2)).Select(i => i.Id));
        Assert.Equal([ids[0]], _db.Read(s => s.Incidents.Latest(4, 2)).Select(i => i.Id));
        Assert.Equal(5, _db.Read(s => s.Incidents.Count()));
    }

    [Fact]
    public void Narrowing_ByAssigneeDepartmentGradeAndOverdue()
    {
        Open(1, IncidentStatus.Handling, change: i => { i.AssigneeId = 501; i.Department = "卫健委"; i.Grade = Grade.Major; });
        Open(2, IncidentStatus.Closed, change: i => { i.AssigneeId = 502; i.Overdue = true; });
        Open(3, IncidentStatus.New);

        Assert.Equal(["2026-0001"], _db.Read(s => s.Incidents.AssignedTo(501)).Select(i => i.Number));
        Assert.Equal(["2026-0001"], _db.Read(s => s.Incidents.InDepartment("卫健委")).Select(i => i.Number));
        Assert.Equal(["2026-0002", "2026-0003"], _db.Read(s => s.Incidents.InDepartment(null)).Select(i => i.Number).Order());
        Assert.Equal(["2026-0001"], _db.Read(s => s.Incidents.WithGrade(Grade.Major)).Select(i => i.Number));
        Assert.Equal(["2026-0002"], _db.Read(s => s.Incidents.Overdue()).Select(i => i.Number));
    }

    [Fact]
    public void DeadlineTally_MetIsReportedAndNotOverdue_MissedIsEveryOverdueOne()
    {
        Open(1, IncidentStatus.Reported, change: i => i.ReportedAt = March);
        Open(2, IncidentStatus.Reported, change: i => i.ReportedAt = March);
        Open(3, IncidentStatus.Reported, change: i => { i.ReportedAt = March; i.Overdue = true; });
        Open(4, IncidentStatus.New, change: i => i.Overdue = true);
        Open(5, IncidentStatus.New);

        Assert.Equal((2, 2), _db.Read(s => s.Incidents.DeadlineTally()));
    }

    private Incident Open(int n, IncidentStatus status, DateTimeOffset? discovered = null, Action<Incident>? change = null)
    {
        var incident = new Incident { Number = $"2026-{n:0000}", Title = $"事件 {n}", Status = status, Discovered = discovered ?? March.AddHours(n) };
        change?.Invoke(incident);
        _db.Write(s => s.Incidents.Open(incident));
        return incident;
    }
}
