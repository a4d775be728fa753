using OpinionBot.Incidents;
using OpinionBot.Storage;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>The incident store's queries: each answers from an index, and answers exactly what it says.</summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public void Incidents_Open_GivesIds_FindAndGetReadThemBack()
    {
        var db = Open();
        var first = OpenIncident(db, 1, IncidentStatus.New);
        var second = OpenIncident(db, 2, IncidentStatus.Claimed);

        Assert.True(first.Id > 0);
        Assert.True(second.Id > first.Id);
        Assert.Equal("2026-0002", db.Read(s => s.Incidents.Get(second.Id))!.Number);
        Assert.Equal(first.Id, db.Read(s => s.Incidents.Find("2026-0001"))!.Id);
        Assert.Null(db.Read(s => s.Incidents.Find("2026-0003")));
        Assert.Null(db.Read(s => s.Incidents.Get(999)));
    }

    [SkippableFact]
    public void Incidents_Save_StoresTheChange_AndRefusesAnIncidentNeverOpened()
    {
        var db = Open();
        var incident = OpenIncident(db, 1, IncidentStatus.New);
        incident.Status = IncidentStatus.Handling;
        incident.Version++;
        db.Write(s => s.Incidents.Save(incident));

        Assert.Equal(IncidentStatus.Handling, db.Read(s => s.Incidents.Get(incident.Id))!.Status);
        Assert.Throws<InvalidOperationException>(() => db.Write(s => s.Incidents.Save(new Incident { Id = 999, Number = "2026-0999" })));
        Assert.Throws<InvalidOperationException>(() => db.Read(s => { s.Incidents.Save(incident); return 0; }));
    }

    [SkippableFact]
    public void Incidents_ByStatus_OpenIncidentsAreTheOnesStillWorkedOn_InIdOrder()
    {
        var db = Open();
        foreach (var (n, status) in new[] { (1, IncidentStatus.Handling), (2, IncidentStatus.New), (3, IncidentStatus.Resolved), (4, IncidentStatus.Closed), (5, IncidentStatus.FalseAlarm), (6, IncidentStatus.Reported), (7, IncidentStatus.Claimed) })
        {
            OpenIncident(db, n, status);
        }

        Assert.Equal(["2026-0001", "2026-0002", "2026-0006", "2026-0007"], db.Read(s => s.Incidents.OpenIncidents()).Select(i => i.Number));
        Assert.Equal(["2026-0003", "2026-0004"],
            db.Read(s => s.Incidents.WithStatus(IncidentStatus.Closed, IncidentStatus.Resolved, IncidentStatus.Closed)).Select(i => i.Number));
        Assert.Empty(db.Read(s => s.Incidents.WithStatus()));
    }

    [SkippableFact]
    public void Incidents_WatchedAndUnclosedIds_FollowEveryChangeOfStatus()
    {
        var db = Open();
        var all = new[] { IncidentStatus.Handling, IncidentStatus.New, IncidentStatus.Resolved, IncidentStatus.Closed, IncidentStatus.FalseAlarm, IncidentStatus.Claimed }
            .Select((status, i) => OpenIncident(db, i + 1, status)).ToList();
        long[] Ids(params int[] numbers) => [.. numbers.Select(n => all[n - 1].Id)];

        // Watched: deadlines or a watch period (not closed, not a false alarm). Unclosed: false alarms too.
        Assert.Equal(Ids(1, 2, 3, 6), db.Read(s => s.Incidents.WatchedIds()));
        Assert.Equal(Ids(1, 2, 3, 5, 6), db.Read(s => s.Incidents.UnclosedIds()));

        void Change(int n, IncidentStatus status)
        {
            var incident = db.Read(s => s.Incidents.Get(all[n - 1].Id))!;
            incident.Status = status;
            incident.Version++;
            db.Write(s => s.Incidents.Save(incident));
        }

        Change(3, IncidentStatus.Closed);       // resolved, then closed: leaves both
        Change(4, IncidentStatus.Handling);     // a closed one reopened: back in both
        Change(2, IncidentStatus.FalseAlarm);   // dismissed: unwatched, still unclosed
        Change(5, IncidentStatus.Claimed);      // a false alarm reopened: watched again
        Change(1, IncidentStatus.Handling);     // no change of status
        Assert.Equal(Ids(1, 4, 5, 6), db.Read(s => s.Incidents.WatchedIds()));
        Assert.Equal(Ids(1, 2, 4, 5, 6), db.Read(s => s.Incidents.UnclosedIds()));

        // A write that fails leaves the register as it was.
        Assert.Throws<InvalidOperationException>(() => db.Write(s =>
        {
            var incident = s.Incidents.Get(all[0].Id)!;
            incident.Status = IncidentStatus.Closed;
            s.Incidents.Save(incident);
            throw new InvalidOperationException("the rest of the change failed");
        }));
        Assert.Equal(Ids(1, 4, 5, 6), db.Read(s => s.Incidents.WatchedIds()));
    }

    [SkippableFact]
    public void Upgrades_ListTheUnclosedIncidentsOfADatabaseWrittenBeforeTheRegister_Once()
    {
        var engine = OpenEngine();
        var mapper = Tables.CreateMapper();
        var statuses = new[] { IncidentStatus.New, IncidentStatus.Closed, IncidentStatus.FalseAlarm, IncidentStatus.Resolved };
        // 1,203 incidents as an earlier version stored them (no register), more than two of the upgrade's pages.
        using (var old = engine.Begin(write: true))
        {
            for (var n = 1; n <= 1203; n++)
            {
                var incident = new Incident { Id = n, Number = $"2025-{n:0000}", Title = $"旧事件 {n}", Status = statuses[n % 4], Discovered = March };
                old.Table<LiteDB.BsonDocument>(Tables.Incidents).Insert(mapper.ToDocument(incident));
            }

            old.Commit();
        }

        var db = new OpinionDatabase(engine);
        Assert.Empty(db.Read(s => s.Incidents.UnclosedIds()));

        Upgrades.Apply(db);

        long[] Expected(Func<IncidentStatus, bool> which) => [.. Enumerable.Range(1, 1203).Where(n => which(statuses[n % 4])).Select(n => (long)n)];
        Assert.Equal(Expected(s => s is IncidentStatus.New or IncidentStatus.Resolved), db.Read(s => s.Incidents.WatchedIds()));
        Assert.Equal(Expected(s => s != IncidentStatus.Closed), db.Read(s => s.Incidents.UnclosedIds()));
        Assert.Equal(1, db.Read(s => s.Counters.Get(Upgrades.UnclosedRegisterKey)));

        // Done once: a second start does not read the incidents again (an incident stored behind the stores' back stays out).
        using (var behind = engine.Begin(write: true))
        {
            behind.Table<LiteDB.BsonDocument>(Tables.Incidents).Insert(mapper.ToDocument(
                new Incident { Id = 5000, Number = "2025-5000", Title = "绕过", Status = IncidentStatus.New, Discovered = March }));
            behind.Commit();
        }

        Upgrades.Apply(db);
        Assert.DoesNotContain(5000L, db.Read(s => s.Incidents.WatchedIds()));
    }

    [SkippableFact]
    public void Incidents_DiscoveredBetween_IncludesTheStart_NotTheEnd()
    {
        var db = Open();
        OpenIncident(db, 1, IncidentStatus.New, discovered: March.AddTicks(-1));
        OpenIncident(db, 2, IncidentStatus.New, discovered: March);
        OpenIncident(db, 3, IncidentStatus.Closed, discovered: March.AddDays(30));
        OpenIncident(db, 4, IncidentStatus.New, discovered: March.AddDays(31));

        Assert.Equal(["2026-0002", "2026-0003"], db.Read(s => s.Incidents.DiscoveredBetween(March, March.AddDays(31))).Select(i => i.Number));
    }

    [SkippableFact]
    public void Incidents_AfterAndLatest_WalkTheIds()
    {
        var db = Open();
        var ids = Enumerable.Range(1, 5).Select(n => OpenIncident(db, n, IncidentStatus.New).Id).ToList();

        Assert.Equal(ids[2..], db.Read(s => s.Incidents.After(ids[1])).Select(i => i.Id));
        Assert.Equal(ids, db.Read(s => s.Incidents.After(0)).Select(i => i.Id));
        Assert.Empty(db.Read(s => s.Incidents.After(long.MaxValue)));
        Assert.Equal(ids[2..], db.Read(s => s.Incidents.IdsAfter(ids[1])));
        Assert.Equal(ids, db.Read(s => s.Incidents.IdsAfter(0)));
        Assert.Empty(db.Read(s => s.Incidents.IdsAfter(long.MaxValue)));
        Assert.Equal([ids[4], ids[3]], db.Read(s => s.Incidents.Latest(0, 2)).Select(i => i.Id));
        Assert.Equal([ids[0]], db.Read(s => s.Incidents.Latest(4, 2)).Select(i => i.Id));
        Assert.Equal(5, db.Read(s => s.Incidents.Count()));
    }

    [SkippableFact]
    public void Incidents_Narrowing_ByAssigneeDepartmentGradeAndOverdue()
    {
        var db = Open();
        OpenIncident(db, 1, IncidentStatus.Handling, change: i => { i.AssigneeId = 501; i.Department = "卫健委"; i.Grade = Grade.Major; });
        OpenIncident(db, 2, IncidentStatus.Closed, change: i => { i.AssigneeId = 502; i.Overdue = true; });
        OpenIncident(db, 3, IncidentStatus.New);

        Assert.Equal(["2026-0001"], db.Read(s => s.Incidents.AssignedTo(501)).Select(i => i.Number));
        Assert.Equal(["2026-0001"], db.Read(s => s.Incidents.InDepartment("卫健委")).Select(i => i.Number));
        Assert.Equal(["2026-0002", "2026-0003"], db.Read(s => s.Incidents.InDepartment(null)).Select(i => i.Number).Order());
        Assert.Equal(["2026-0001"], db.Read(s => s.Incidents.WithGrade(Grade.Major)).Select(i => i.Number));
        Assert.Equal(["2026-0002"], db.Read(s => s.Incidents.Overdue()).Select(i => i.Number));
    }

    [SkippableFact]
    public void Incidents_DeadlineTally_MetIsReportedAndNotOverdue_MissedIsEveryOverdueOne()
    {
        var db = Open();
        OpenIncident(db, 1, IncidentStatus.Reported, change: i => i.ReportedAt = March);
        OpenIncident(db, 2, IncidentStatus.Reported, change: i => i.ReportedAt = March);
        OpenIncident(db, 3, IncidentStatus.Reported, change: i => { i.ReportedAt = March; i.Overdue = true; });
        OpenIncident(db, 4, IncidentStatus.New, change: i => i.Overdue = true);
        OpenIncident(db, 5, IncidentStatus.New);

        Assert.Equal((2, 2), db.Read(s => s.Incidents.DeadlineTally()));
    }

    private static Incident OpenIncident(OpinionDatabase db, int n, IncidentStatus status, DateTimeOffset? discovered = null, Action<Incident>? change = null)
    {
        var incident = new Incident { Number = $"2026-{n:0000}", Title = $"事件 {n}", Status = status, Discovered = discovered ?? March.AddHours(n) };
        change?.Invoke(incident);
        db.Write(s => s.Incidents.Open(incident));
        return incident;
    }
}
