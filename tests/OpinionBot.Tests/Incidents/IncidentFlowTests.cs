using OpinionBot.Incidents;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>
/// Issue 11's incident rules on a fake clock: graded response on opening, every worsening told, the escalation chain
/// that keeps going at the top, send back with a reason, and who may reopen a false alarm.
/// </summary>
public sealed class IncidentFlowTests : IDisposable
{
    private static readonly Actor Officer = new(1, "甲", Role.Officer);
    private readonly IncidentTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void MajorIncident_GoesToTheLeadershipGroupTheMomentItIsOpened()
    {
        var major = _bed.Open("县医院食物中毒", grade: Grade.Major);
        var larger = _bed.Open("县医院排队", grade: Grade.Larger);

        Assert.Equal(IncidentService.LeadershipLevel, _bed.Reload(major).EscalationLevel);
        Assert.Equal(["created", "escalate"], _bed.Reload(major).Audit.Select(a => a.Action));
        Assert.Equal("grade-major", _bed.Reload(major).Audit[^1].Comment);
        Assert.Equal(0, _bed.Reload(larger).EscalationLevel); // 较大 waits unless the setting says otherwise
    }

    [Fact]
    public void LargerIncident_GoesUpAtOnce_WhenTheSettingSaysSo()
    {
        _bed.Escalation.NotifyLeadershipFrom = Grade.Larger;

        var larger = _bed.Open("县医院排队", grade: Grade.Larger);

        Assert.Equal(IncidentService.LeadershipLevel, _bed.Reload(larger).EscalationLevel);
        Assert.Equal("grade-larger", _bed.Reload(larger).Audit[^1].Comment);
    }

    [Fact]
    public void UnclaimedIncident_ThatWorsens_AlwaysSendsANotice_WithoutClaimingItReachedLeadership()
    {
        var incident = _bed.Open(grade: Grade.General);

        _bed.Database.Write(_ => _bed.Service.Worsen(_bed.Reload(incident), "3 个来源 2 小时内", Grade.Larger, "较大：3 个来源"));

        var notice = Assert.Single(_bed.Events.Reminders);
        Assert.Equal(ReminderKind.Worsened, notice.Kind);
        Assert.Null(notice.EscalatedTo);
        Assert.Equal(0, _bed.Reload(incident).EscalationLevel);
    }

    [Fact]
    public void UnclaimedIncident_RisingToMajor_GoesToLeadership_AndTheNoticeSaysSo()
    {
        var incident = _bed.Open(grade: Grade.Larger);

        _bed.Database.Write(_ => _bed.Service.Worsen(_bed.Reload(incident), "5 个来源", Grade.Major, "重大：5 个来源"));

        Assert.Equal(IncidentService.LeadershipLevel, _bed.Reload(incident).EscalationLevel);
        Assert.Equal(IncidentService.LeadershipLevel, Assert.Single(_bed.Events.Reminders).EscalatedTo);
    }

    [Fact]
    public void SecondRise_AfterAnEscalation_IsStillANotice_NotOnlyAnEdit()
    {
        var incident = _bed.Open(department: "卫健局");
        _bed.Service.Apply(incident.Id, IncidentAction.Claim, Officer);
        _bed.Database.Write(_ => _bed.Service.Worsen(_bed.Reload(incident), "3 个来源", Grade.Larger, "较大"));
        Assert.Equal(IncidentService.LeadershipLevel, _bed.Reload(incident).EscalationLevel);

        _bed.Database.Write(_ => _bed.Service.Worsen(_bed.Reload(incident), "较大→重大", Grade.Major, "重大"));

        Assert.Equal([ReminderKind.Worsened, ReminderKind.Worsened], _bed.Events.Reminders.Select(r => r.Kind));
        var second = _bed.Events.Reminders[^1];
        Assert.Null(second.EscalatedTo); // already at the top: the publisher sends the notice to the leadership chat itself
        Assert.Equal("较大→重大", second.Detail);
        Assert.Equal(Grade.Major, _bed.Reload(incident).Grade);
    }

    [Fact]
    public void DepartmentWithoutALead_EscalatesStraightToLeadership_AndTheLevelSaysSo()
    {
        var unled = _bed.Open(department: "无人局");
        var led = _bed.Open(department: "卫健局");

        _bed.Service.Apply(unled.Id, IncidentAction.Escalate, Officer);
        _bed.Service.Apply(led.Id, IncidentAction.Escalate, Officer);

        Assert.Equal(IncidentService.LeadershipLevel, _bed.Reload(unled).EscalationLevel);
        Assert.Equal(1, _bed.Reload(led).EscalationLevel);
    }

    [Fact]
    public void MissedDeadline_ClimbsTheChain_ThenRepeatsHourly_UntilSomeoneReports_OverAWholeDay()
    {
        var incident = _bed.Open(department: "卫健局"); // 一般: report within 4 h; the department has a lead

        for (var minutes = 0; minutes <= 12 * 60; minutes += 5)
        {
            At(TimeSpan.FromMinutes(minutes));
        }

        var overdue = Assert.Single(_bed.Events.Reminders, r => r.Kind == ReminderKind.Overdue);
        Assert.Equal(1, overdue.EscalatedTo); // 4 h: to the department lead
        Assert.Contains(_bed.Events.Log, l => l.StartsWith("escalated") && l.Contains("to 2 overdue-report")); // 5 h: leadership
        // 6 h … 12 h: at the top, nothing more to escalate: the notice repeats every hour (rounds 2 … 8).
        Assert.Equal(Enumerable.Range(2, 7), _bed.Events.Reminders.Where(r => r.Kind == ReminderKind.StillOverdue).Select(r => r.Round));

        _bed.Service.Apply(incident.Id, IncidentAction.Claim, Officer);
        _bed.Service.Apply(incident.Id, IncidentAction.Report, Officer);
        for (var minutes = 12 * 60; minutes <= 24 * 60; minutes += 5)
        {
            At(TimeSpan.FromMinutes(minutes));
        }

        Assert.Equal(7, _bed.Events.Reminders.Count(r => r.Kind == ReminderKind.StillOverdue)); // someone acted: it stops
    }

    [Fact]
    public void AnOutage_SendsOneCatchUpNotice_NotABurst()
    {
        _bed.Open(); // no department: straight to leadership at 4 h

        At(TimeSpan.FromHours(4));
        At(TimeSpan.FromHours(9.5));
        At(TimeSpan.FromHours(9.6));

        Assert.Equal(IncidentService.LeadershipLevel, Assert.Single(_bed.Events.Reminders, r => r.Kind == ReminderKind.Overdue).EscalatedTo);
        Assert.Equal(5, Assert.Single(_bed.Events.Reminders, r => r.Kind == ReminderKind.StillOverdue).Round);
    }

    [Fact]
    public void MutedIncident_GetsNoRepeats_ButTheChainStillClimbs()
    {
        var incident = _bed.Open(department: "卫健局");
        _bed.Service.Mute(incident.Id, Officer, _bed.Time.GetUtcNow().AddDays(1));

        for (var hours = 0; hours <= 10; hours++)
        {
            At(TimeSpan.FromHours(hours));
        }

        Assert.Equal(IncidentService.LeadershipLevel, _bed.Reload(incident).EscalationLevel);
        Assert.DoesNotContain(_bed.Events.Reminders, r => r.Kind == ReminderKind.StillOverdue);
    }

    [Fact]
    public void SendBack_WithoutAReason_ChangesNothing()
    {
        var incident = _bed.Open();
        _bed.Service.Apply(incident.Id, IncidentAction.Claim, Officer);

        var bare = _bed.Service.Apply(incident.Id, IncidentAction.SendBack, Officer, comment: "  ");
        var reasoned = _bed.Service.Apply(incident.Id, IncidentAction.SendBack, Officer, comment: "不归本部门");

        Assert.Equal(ActionOutcome.ReasonRequired, bare.Outcome);
        Assert.True(reasoned.Succeeded);
        Assert.Equal("不归本部门", _bed.Reload(incident).Audit[^1].Comment);
    }

    [Fact]
    public void AnOfficer_MayReopenAFalseAlarm_ButNotAClosedIncident()
    {
        var dismissed = _bed.Open("甲");
        var closed = _bed.Open("乙");
        _bed.Service.Apply(dismissed.Id, IncidentAction.FalseAlarm, Officer);
        _bed.Service.Apply(closed.Id, IncidentAction.Resolve, Officer, outcome: HandlingOutcome.Clarified);

        Assert.Equal(ActionOutcome.Forbidden, _bed.Service.Apply(dismissed.Id, IncidentAction.Reopen, new Actor(2, "乙", Role.Member)).Outcome);
        Assert.True(_bed.Service.Apply(dismissed.Id, IncidentAction.Reopen, Officer).Succeeded);
        Assert.Equal(ActionOutcome.Forbidden, _bed.Service.Apply(closed.Id, IncidentAction.Reopen, Officer).Outcome);
        Assert.Equal(Role.Supervisor, Permissions.MinimumFor(IncidentAction.Reopen, IncidentStatus.Resolved));
    }

    [Fact]
    public void GradeRaisedByHand_ToMajor_GoesToLeadership()
    {
        var incident = _bed.Open();

        _bed.Service.ChangeGrade(incident.Id, new Actor(3, "主任", Role.Supervisor), Grade.Major, "核实后定为重大");

        Assert.Equal(IncidentService.LeadershipLevel, _bed.Reload(incident).EscalationLevel);
        Assert.Contains(_bed.Events.Log, l => l.StartsWith("escalated") && l.Contains("grade-major"));
    }

    private void At(TimeSpan sinceOpen)
    {
        var target = new DateTimeOffset(2026, 5, 20, 2, 0, 0, TimeSpan.Zero) + sinceOpen;
        if (target > _bed.Time.GetUtcNow())
        {
            _bed.Time.SetUtcNow(target);
        }

        _bed.Watch.Tick();
    }
}
