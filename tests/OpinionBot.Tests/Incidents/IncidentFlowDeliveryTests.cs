using OpinionBot.Chat;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Sources;
using OpinionBot.Tests.Commands;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>
/// Who hears what (issue 11): the real services on a fake clock, reading which chat each message was queued for.
/// An edit of a card rings no phone, so every assertion here is about new messages.
/// </summary>
public sealed class IncidentFlowDeliveryTests : IDisposable
{
    private const long Leadership = -1002;
    private const long Supervisors = -1003;
    private const long ReportTo = -1004;
    private const long DepartmentChat = -1009;
    private const long Lead = 701;
    private const long DepartmentMember = 702;
    private readonly ServiceTestBed _bed = new(new()
    {
        ["Chats:Supervisors"] = Supervisors.ToString(),
        ["Departments:0:Name"] = "卫健局",
        ["Departments:0:Chat"] = DepartmentChat.ToString(),
        ["Departments:0:Lead"] = Lead.ToString(),
        ["Departments:0:Members:0"] = DepartmentMember.ToString(),
    });

    private static readonly Actor Officer = new(ServiceTestBed.Officer, "张三", Role.Officer);

    public void Dispose() => _bed.Dispose();

    private IncidentService Incidents => _bed.Get<IncidentService>();

    [Fact]
    public void MajorIncident_ReachesTheLeadershipGroupOnOpening_MentioningTheOnDutyOfficer()
    {
        OnDuty(ServiceTestBed.Officer);

        Open(Grade.Major, department: "卫健局");

        var leadership = Assert.Single(_bed.Sent(Leadership));
        Assert.StartsWith("🚨 重大舆情", leadership);
        Assert.Contains($"tg://user?id={ServiceTestBed.Officer}", leadership.Split('\n')[0]);
        Assert.Single(_bed.Sent(DepartmentChat)); // routed: the department's chat has the card too
        Assert.Single(_bed.Sent(ServiceTestBed.TeamChat));
    }

    [Fact]
    public void UnclaimedItem_ThatWorsens_TellsTheTeamChatAndTheOnDutyOfficer_AndItsDepartment()
    {
        OnDuty(ServiceTestBed.Officer);
        var incident = Open(Grade.General, department: "卫健局");

        Worsen(incident, "3 个来源 2 小时内", Grade.Larger);

        var team = Assert.Single(_bed.Sent(ServiceTestBed.TeamChat), t => t.StartsWith("📈", StringComparison.Ordinal));
        Assert.Contains($"tg://user?id={ServiceTestBed.Officer}", team);
        Assert.DoesNotContain("领导小组", team); // it did not go there, so it does not say so
        Assert.Single(_bed.Sent(DepartmentChat), t => t.StartsWith("📈", StringComparison.Ordinal));
        Assert.Empty(_bed.Sent(Leadership));
    }

    [Fact]
    public void SecondRise_AfterAnEscalation_SendsTheLeadershipGroupAMessage()
    {
        var incident = Open(Grade.General);
        Incidents.Apply(incident.Id, IncidentAction.Claim, Officer);
        Worsen(incident, "3 个来源 2 小时内", Grade.Larger);
        Assert.Single(_bed.Sent(Leadership)); // the card, headed with why

        Worsen(incident, "较大→重大", Grade.Major);

        var notice = _bed.Sent(Leadership)[^1];
        Assert.Equal(2, _bed.Sent(Leadership).Count);
        Assert.StartsWith("📈", notice);
        Assert.Contains("较大→重大", notice);
        Assert.Contains($"tg://user?id={ServiceTestBed.Officer}", _bed.Sent(ServiceTestBed.TeamChat)[^1]); // the holder too
    }

    [Fact]
    public void MissedDeadline_OverAWholeDay_RepeatsHourlyToLeadershipAndSupervisors_SayingExactlyWhatHappened()
    {
        Open(Grade.General); // no department: at 4 h straight to the leadership group
        var start = _bed.Time.GetUtcNow();

        for (var minutes = 0; minutes <= 24 * 60; minutes += 10)
        {
            _bed.Time.SetUtcNow(start.AddMinutes(minutes));
            _bed.Get<DeadlineWatch>().Tick();
        }

        var leadership = _bed.Sent(Leadership);
        Assert.Contains("已升级至领导小组", leadership[0]); // 4 h: the card arrives, saying why
        var repeats = leadership.Skip(1).ToList();
        Assert.Equal(20, repeats.Count); // 5 h … 24 h, once an hour
        Assert.All(repeats, r => Assert.Contains("仍未上报", r));
        Assert.All(repeats, r => Assert.DoesNotContain("升级", r)); // nothing more was escalated, so nothing says so
        Assert.Equal(20, _bed.Sent(Supervisors).Count(s => s.Contains("仍未上报")));
        Assert.Contains(_bed.Sent(ServiceTestBed.TeamChat), t => t.Contains("逾期未上报") && t.Contains("已自动升级至领导小组"));
    }

    [Fact]
    public void Report_SendsTheReportUpward_WithWhatThePracticeAsks()
    {
        var incident = Open(Grade.General);
        Incidents.Apply(incident.Id, IncidentAction.Claim, Officer);
        Incidents.Note(incident.Id, Officer, "核实：确有患者投诉，医院已回应");

        Incidents.Apply(incident.Id, IncidentAction.Report, Officer);

        var report = Assert.Single(_bed.Sent(Leadership));
        foreach (var part in new[] { "舆情报送", incident.Number, "基本情况", "首发情况", "首发媒体", "县新闻", "链接", "传播情况", "核实情况", "确有患者投诉", "张三" })
        {
            Assert.Contains(part, report);
        }

        Assert.NotNull(_bed.Database.Incident(incident.Id).ReportedAt);
    }

    [Fact]
    public void ReportTo_TakesTheReport_AndAMajorIncidentsLaterNotesGoThereAsProgressReports()
    {
        using var bed = new ServiceTestBed(new() { ["Chats:ReportTo"] = ReportTo.ToString() });
        var service = bed.Get<IncidentService>();
        var incident = bed.Open("县医院食物中毒", Grade.Major);
        service.Apply(incident.Id, IncidentAction.Claim, Officer);
        service.Note(incident.Id, Officer, "before the report: stays in the team");
        Assert.Empty(bed.Sent(ReportTo));

        service.Apply(incident.Id, IncidentAction.Report, Officer);
        service.Note(incident.Id, Officer, "措施：已发布通报");

        var sent = bed.Sent(ReportTo);
        Assert.Equal(2, sent.Count);
        Assert.Contains("舆情报送", sent[0]);
        Assert.Contains("续报", sent[1]);
        Assert.Contains("已发布通报", sent[1]);
        Assert.DoesNotContain(bed.Sent(Leadership), s => s.Contains("舆情报送"));
    }

    [Fact]
    public void Reminders_GoWhereTheHolderIs()
    {
        var teamHeld = Open(Grade.General, department: "卫健局", title: "甲医院被投诉");
        var departmentHeld = Open(Grade.General, department: "卫健局", title: "乙医院被投诉");
        Incidents.Apply(teamHeld.Id, IncidentAction.Claim, Officer);
        Incidents.Apply(departmentHeld.Id, IncidentAction.Claim, new Actor(DepartmentMember, "王网评", Role.Member));
        var teamBefore = _bed.Sent(ServiceTestBed.TeamChat).Count;
        var departmentBefore = _bed.Sent(DepartmentChat).Count;

        _bed.Time.Advance(TimeSpan.FromHours(2)); // half of the 4 h report time
        _bed.Get<DeadlineWatch>().Tick();

        var team = _bed.Sent(ServiceTestBed.TeamChat).Skip(teamBefore).ToList();
        var department = _bed.Sent(DepartmentChat).Skip(departmentBefore).ToList();
        Assert.Contains(team, t => t.Contains(teamHeld.Number) && t.Contains("过半"));
        Assert.DoesNotContain(department, t => t.Contains(teamHeld.Number));
        Assert.Contains(department, t => t.Contains(departmentHeld.Number) && t.Contains("过半"));
        Assert.DoesNotContain(team, t => t.Contains(departmentHeld.Number));
    }

    [Fact]
    public void SendBack_TellsTheTeamChat_MentioningWhoAssignedIt()
    {
        var incident = Open(Grade.General);
        Incidents.Apply(incident.Id, IncidentAction.Assign, new Actor(ServiceTestBed.Supervisor, "赵主任", Role.Supervisor),
            assigneeId: DepartmentMember, department: "卫健局");

        Incidents.Apply(incident.Id, IncidentAction.SendBack, new Actor(DepartmentMember, "王网评", Role.Member), comment: "不属本部门");

        var notice = Assert.Single(_bed.Sent(ServiceTestBed.TeamChat), t => t.StartsWith("↩️", StringComparison.Ordinal));
        Assert.Contains("不属本部门", notice);
        Assert.Contains($"tg://user?id={ServiceTestBed.Supervisor}", notice);
    }

    [Fact]
    public void EnglishChats_GetTheNewNoticesInEnglish()
    {
        using var bed = new ServiceTestBed(new() { ["Culture"] = "en" });
        var incident = bed.Open("County hospital complaint", Grade.Major);
        var start = bed.Time.GetUtcNow();
        foreach (var hours in new[] { 2, 3 })
        {
            bed.Time.SetUtcNow(start.AddHours(hours));
            bed.Get<DeadlineWatch>().Tick();
        }

        var leadership = bed.Sent(Leadership);
        Assert.StartsWith("🚨 Major incident: reported to the leadership group at once", leadership[0]);
        Assert.Contains(leadership, t => t.Contains("already with the leadership group, repeated every 1 h", StringComparison.Ordinal));
        Assert.Contains(leadership, t => t.Contains($"{incident.Number} is still not reported", StringComparison.Ordinal));
    }

    private void OnDuty(long userId) =>
        _bed.Database.Write(_ => _bed.Get<DutyRoster>().Rotate([userId], 1, new TimeOnly(8, 0)));

    private Incident Open(Grade grade, string? department = null, string title = "县医院被投诉") =>
        _bed.Database.Write(_ => Incidents.Open(new NewAppearance(
            new SourceItem($"https://news.example.invalid/{Guid.NewGuid():N}", title, title, _bed.Time.GetUtcNow().AddMinutes(-3)),
            "县新闻", [new TopicMatch("医院投诉", ["投诉"])], _bed.Time.GetUtcNow())
        { Grade = grade, Department = department }));

    private void Worsen(Incident incident, string what, Grade grade) =>
        _bed.Database.Write(_ => Incidents.Worsen(_bed.Database.Incident(incident.Id), what, grade, grade.ToString()));
}
