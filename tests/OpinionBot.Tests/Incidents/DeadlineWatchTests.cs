using OpinionBot.Incidents;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>The 2 h / 3 h / 4 h and 1 h rules, reminders, escalation and watch period, driven by a fake clock.</summary>
public sealed class DeadlineWatchTests : IDisposable
{
    private readonly IncidentTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void GeneralIncident_RemindsAtHalfTimeAndBeforeTheEnd_ThenOverdueEscalatesOnce()
    {
        var incident = _bed.Open(grade: Grade.General);

        At(TimeSpan.FromMinutes(119));
        Assert.Empty(_bed.Events.Reminders);
        At(TimeSpan.FromHours(2));
        Assert.Equal([ReminderKind.HalfTime], Kinds());
        At(TimeSpan.FromMinutes(225));
        Assert.Equal([ReminderKind.HalfTime, ReminderKind.Final], Kinds());
        At(TimeSpan.FromHours(4));
        At(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));

        Assert.Equal([ReminderKind.HalfTime, ReminderKind.Final, ReminderKind.Overdue], Kinds());
        var overdue = _bed.Reload(incident);
        Assert.True(overdue.Overdue);
        Assert.Equal(IncidentService.LeadershipLevel, overdue.EscalationLevel);
        Assert.Contains(_bed.Events.Log, l => l.Contains("escalated") && l.Contains("overdue-report"));
    }

    [Theory]
    [InlineData(Grade.Major, 2)]
    [InlineData(Grade.Larger, 3)]
    [InlineData(Grade.General, 4)]
    public void ReportDeadline_ByGrade_FollowsThePractice(Grade grade, int hours)
    {
        var incident = _bed.Open(grade: grade);

        At(TimeSpan.FromHours(hours) - TimeSpan.FromMinutes(1));
        Assert.False(_bed.Reload(incident).Overdue);
        At(TimeSpan.FromHours(hours));
        Assert.True(_bed.Reload(incident).Overdue);
    }

    [Fact]
    public void NegativeItem_NotClaimedWithinAnHour_IsOverdueAndGoesToTheDepartmentLead()
    {
        var incident = _bed.Open(negative: true, department: "卫健局");

        At(TimeSpan.FromMinutes(30));
        Assert.Equal(DeadlineKind.Claim, Assert.Single(_bed.Events.Reminders).Deadline);
        At(TimeSpan.FromHours(1));

        var overdue = _bed.Reload(incident);
        Assert.True(overdue.Overdue);
        Assert.Equal(1, overdue.EscalationLevel);
        Assert.Contains(_bed.Events.Log, l => l.Contains("escalated") && l.Contains("overdue-claim"));
    }

    [Fact]
    public void ReportedInTime_IsNeverOverdue()
    {
        var incident = _bed.Open(grade: Grade.Larger);
        var officer = new Actor(1, "甲", Role.Officer);
        At(TimeSpan.FromMinutes(20));
        _bed.Service.Apply(incident.Id, IncidentAction.Claim, officer);
        _bed.Service.Apply(incident.Id, IncidentAction.Report, officer);

        At(TimeSpan.FromHours(5));

        Assert.False(_bed.Reload(incident).Overdue);
        Assert.True(ReportDeadline.ReportMet(_bed.Reload(incident), _bed.Deadlines, _bed.Time.GetUtcNow()));
    }

    [Fact]
    public void MajorIncident_ReportsContinuously_UntilResolved()
    {
        var incident = _bed.Open(grade: Grade.Major);
        var officer = new Actor(1, "甲", Role.Officer);
        _bed.Service.Apply(incident.Id, IncidentAction.Claim, officer);
        _bed.Service.Apply(incident.Id, IncidentAction.Report, officer);

        At(TimeSpan.FromHours(2));
        At(TimeSpan.FromHours(3));
        At(TimeSpan.FromHours(4));
        _bed.Service.Apply(incident.Id, IncidentAction.Resolve, officer, outcome: HandlingOutcome.ConfirmedAndAnnounced);
        At(TimeSpan.FromHours(6));

        Assert.Equal(2, Kinds().Count(k => k == ReminderKind.Progress));
    }

    [Fact]
    public void MutedIncident_GetsNoReminders_ButStillGoesOverdue()
    {
        var incident = _bed.Open();
        _bed.Database.Write(_ =>
        {
            var stored = _bed.Reload(incident);
            stored.MutedUntil = _bed.Time.GetUtcNow().AddHours(10);
            _bed.Database.Write(s => s.Incidents.Save(stored));
        });

        At(TimeSpan.FromHours(3.9));
        Assert.Empty(_bed.Events.Reminders);
        At(TimeSpan.FromHours(4));
        Assert.Equal([ReminderKind.Overdue], Kinds());
    }

    [Fact]
    public void ResolvedIncident_ReappearingInTheWatchPeriod_NotifiesTheOwner_AndAQuietOneClosesByItself()
    {
        var loud = _bed.Open("甲事件");
        var quiet = _bed.Open("乙事件");
        var officer = new Actor(1, "甲", Role.Officer);
        _bed.Service.Apply(loud.Id, IncidentAction.Resolve, officer, outcome: HandlingOutcome.Clarified);
        _bed.Service.Apply(quiet.Id, IncidentAction.Resolve, officer, outcome: HandlingOutcome.ColdHandling);

        At(TimeSpan.FromDays(3));
        _bed.Database.Write(_ => _bed.Service.AddAppearance(_bed.Reload(loud), new NewAppearance(
            new OpinionBot.Sources.SourceItem("https://bbs.example.invalid/t/9", "甲事件又来了", "", null), "本地论坛", [], _bed.Time.GetUtcNow())));
        Assert.Contains(_bed.Events.Reminders, r => r.Kind == ReminderKind.Reappeared && r.Detail == "本地论坛");

        At(TimeSpan.FromDays(7));
        Assert.Equal(IncidentStatus.Closed, _bed.Reload(quiet).Status);
        Assert.Equal("close", _bed.Reload(quiet).Audit[^1].Action);
    }

    [Fact]
    public void Worsening_OnAHeldIncident_EscalatesToLeadershipAtOnce_SayingWhatChanged()
    {
        var incident = _bed.Open(department: "卫健局");
        _bed.Service.Apply(incident.Id, IncidentAction.Claim, new Actor(1, "甲", Role.Officer));

        _bed.Database.Write(_ => _bed.Service.Worsen(_bed.Reload(incident), "3 个来源 2 小时内", Grade.Larger, "较大：3 个来源"));

        var worse = _bed.Reload(incident);
        Assert.Equal(IncidentService.LeadershipLevel, worse.EscalationLevel);
        Assert.Equal(Grade.Larger, worse.Grade);
        Assert.Contains(_bed.Events.Log, l => l.StartsWith("escalated") && l.Contains("3 个来源 2 小时内"));
    }

    [Fact]
    public void Restart_InTheMiddleOfADeadline_KeepsIt_AndNeverRepeatsAStep()
    {
        var incident = _bed.Open();
        At(TimeSpan.FromHours(2));
        Assert.Equal([ReminderKind.HalfTime], Kinds());

        _bed.Restart();
        At(TimeSpan.FromHours(2.5));
        Assert.Equal([ReminderKind.HalfTime], Kinds());
        At(TimeSpan.FromMinutes(225));
        At(TimeSpan.FromHours(4));

        Assert.Equal([ReminderKind.HalfTime, ReminderKind.Final, ReminderKind.Overdue], Kinds());
        Assert.True(_bed.Reload(incident).Overdue);
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

    private List<ReminderKind> Kinds() => _bed.Events.Reminders.Select(r => r.Kind).ToList();
}
