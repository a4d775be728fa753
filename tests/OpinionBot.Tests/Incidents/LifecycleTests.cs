using OpinionBot.Incidents;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>Every state × action, checked against the table as the practice describes it.</summary>
public sealed class LifecycleTests
{
    // Expected next state, or null where the action is not allowed. Columns follow IncidentAction's order:
    // Claim, Report, Assign, Escalate, Resolve, Close, FalseAlarm, SendBack, Reopen.
    public static TheoryData<IncidentStatus, IncidentAction, IncidentStatus?> Table()
    {
        var S = (IncidentStatus?)null;
        var rows = new Dictionary<IncidentStatus, IncidentStatus?[]>
        {
            [IncidentStatus.New] = [IncidentStatus.Claimed, S, IncidentStatus.Claimed, IncidentStatus.New, IncidentStatus.Resolved, S, IncidentStatus.FalseAlarm, S, S],
            [IncidentStatus.Claimed] = [S, IncidentStatus.Reported, IncidentStatus.Claimed, IncidentStatus.Claimed, IncidentStatus.Resolved, S, IncidentStatus.FalseAlarm, IncidentStatus.New, S],
            [IncidentStatus.Reported] = [S, S, IncidentStatus.Handling, IncidentStatus.Reported, IncidentStatus.Resolved, S, S, S, S],
            [IncidentStatus.Handling] = [S, S, IncidentStatus.Handling, IncidentStatus.Handling, IncidentStatus.Resolved, S, S, IncidentStatus.Reported, S],
            [IncidentStatus.Resolved] = [S, S, S, S, S, IncidentStatus.Closed, S, S, IncidentStatus.Handling],
            [IncidentStatus.Closed] = [S, S, S, S, S, S, S, S, IncidentStatus.Handling],
            [IncidentStatus.FalseAlarm] = [S, S, S, S, S, S, S, S, IncidentStatus.Claimed],
        };
        var data = new TheoryData<IncidentStatus, IncidentAction, IncidentStatus?>();
        foreach (var (state, next) in rows)
        {
            foreach (var action in Enum.GetValues<IncidentAction>())
            {
                data.Add(state, action, next[(int)action]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void TryNext_EveryStateAndAction_FollowsThePractice(IncidentStatus from, IncidentAction action, IncidentStatus? expected)
    {
        var allowed = Lifecycle.TryNext(from, action, out var next);

        Assert.Equal(expected is not null, allowed);
        if (expected is { } state)
        {
            Assert.Equal(state, next);
        }
    }

    [Theory]
    [InlineData(Role.Member, IncidentAction.Claim, true)]
    [InlineData(Role.Member, IncidentAction.Report, true)]
    [InlineData(Role.Member, IncidentAction.SendBack, true)]
    [InlineData(Role.Member, IncidentAction.Assign, false)]
    [InlineData(Role.Member, IncidentAction.Escalate, false)]
    [InlineData(Role.Member, IncidentAction.Resolve, false)]
    [InlineData(Role.Officer, IncidentAction.Resolve, true)]
    [InlineData(Role.Officer, IncidentAction.Close, false)]
    [InlineData(Role.Supervisor, IncidentAction.Close, true)]
    [InlineData(Role.Supervisor, IncidentAction.Reopen, true)]
    [InlineData(Role.Stranger, IncidentAction.Claim, false)]
    public void Permissions_RoleAndAction_DecideWhoMay(Role role, IncidentAction action, bool allowed) =>
        Assert.Equal(allowed, Permissions.Allows(role, action));

    [Fact]
    public void Apply_MemberTriesToClose_IsForbiddenAndChangesNothing()
    {
        using var bed = new IncidentTestBed();
        var incident = bed.Open();
        bed.Service.Apply(incident.Id, IncidentAction.Resolve, new Actor(1, "甲", Role.Officer));

        var result = bed.Service.Apply(incident.Id, IncidentAction.Close, new Actor(2, "乙", Role.Member));

        Assert.Equal(ActionOutcome.Forbidden, result.Outcome);
        Assert.Equal(IncidentStatus.Resolved, bed.Reload(incident).Status);
    }

    [Fact]
    public void FullCycle_ClaimReportAssignResolveClose_RecordsEveryStepInTheAuditTrail()
    {
        using var bed = new IncidentTestBed();
        var incident = bed.Open();
        var officer = new Actor(1, "张三", Role.Officer);
        var supervisor = new Actor(9, "王主任", Role.Supervisor);

        Assert.True(bed.Service.Apply(incident.Id, IncidentAction.Claim, officer).Succeeded);
        bed.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.True(bed.Service.Apply(incident.Id, IncidentAction.Report, officer, comment: "已电话报告").Succeeded);
        Assert.True(bed.Service.Apply(incident.Id, IncidentAction.Assign, supervisor, assigneeId: 5).Succeeded);
        Assert.True(bed.Service.Apply(incident.Id, IncidentAction.Resolve, officer, outcome: HandlingOutcome.Clarified).Succeeded);
        Assert.True(bed.Service.Apply(incident.Id, IncidentAction.Close, supervisor).Succeeded);

        var done = bed.Reload(incident);
        Assert.Equal(IncidentStatus.Closed, done.Status);
        Assert.Equal(HandlingOutcome.Clarified, done.Outcome);
        Assert.Equal(bed.Time.GetUtcNow(), done.ClosedAt);
        Assert.Equal(incident.Discovered.AddMinutes(30), done.ReportedAt);
        Assert.Equal(5, done.AssigneeId);
        Assert.Equal(["created", "claim", "report", "assign", "resolve", "close"], done.Audit.Select(a => a.Action));
        Assert.Equal("已电话报告", done.Audit[2].Comment);
        Assert.Equal(IncidentStatus.Claimed, done.Audit[2].From);
        Assert.Equal(IncidentStatus.Reported, done.Audit[2].To);
    }

    [Fact]
    public void Apply_StaleVersion_ChangesNothing()
    {
        using var bed = new IncidentTestBed();
        var incident = bed.Open();
        bed.Service.Apply(incident.Id, IncidentAction.Claim, new Actor(1, "甲", Role.Officer), expectedVersion: 0);

        var again = bed.Service.Apply(incident.Id, IncidentAction.FalseAlarm, new Actor(1, "甲", Role.Officer), expectedVersion: 0);

        Assert.Equal(ActionOutcome.Stale, again.Outcome);
        Assert.Equal(IncidentStatus.Claimed, bed.Reload(incident).Status);
    }

    [Fact]
    public void SendBack_FromHandling_ReturnsToTheDispatcherWithTheReason()
    {
        using var bed = new IncidentTestBed();
        var incident = bed.Open(department: "卫健局");
        var officer = new Actor(1, "甲", Role.Officer);
        bed.Service.Apply(incident.Id, IncidentAction.Claim, officer);
        bed.Service.Apply(incident.Id, IncidentAction.Report, officer);
        bed.Service.Apply(incident.Id, IncidentAction.Assign, officer, assigneeId: 7);

        var result = bed.Service.Apply(incident.Id, IncidentAction.SendBack, new Actor(7, "卫健局联络员", Role.Member), comment: "不属于本部门职责");

        Assert.True(result.Succeeded);
        var back = bed.Reload(incident);
        Assert.Equal(IncidentStatus.Reported, back.Status);
        Assert.Null(back.AssigneeId);
        Assert.Equal("不属于本部门职责", back.Audit[^1].Comment);
    }
}
