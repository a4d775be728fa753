using OpinionBot.Chat;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Tests.Commands;
using Xunit;
using static OpinionBot.Tests.Commands.ServiceTestBed;

namespace OpinionBot.Tests.Duty;

/// <summary>The handover (交班) at each change of turn, and reminders that name the on-duty officer.</summary>
public sealed class HandoverTests : IDisposable
{
    private readonly ServiceTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void Tick_AtShiftChange_PostsOneHandoverWithOpenIncidentsAndDeadlines()
    {
        SetDailyRotation(Officer, SecondOfficer);
        var major = _bed.Open("市场监管局被指不作为", Grade.Major);
        _bed.Open("医院收费投诉");

        Assert.False(Handover().Tick()); // the turn running when the roster was set needs no handover
        _bed.SetLocal(11, 24, 8);
        var before = _bed.Sent(TeamChat).Count;

        Assert.True(Handover().Tick());
        Assert.False(Handover().Tick());

        var handover = Assert.Single(_bed.Sent(TeamChat).Skip(before), t => t.Contains("交班"));
        Assert.Contains("交班", handover);
        Assert.Contains($"tg://user?id={Officer}\">张三</a> → <a href=\"tg://user?id={SecondOfficer}\">李四</a>", handover);
        Assert.Contains("未结舆情 2 件", handover);
        Assert.Contains(major.Number, handover);
        Assert.Contains("上报时限", handover);
        Assert.Contains("已逾期", handover); // discovered yesterday: long past its 2 h
    }

    [Fact]
    public void Tick_AfterRestart_DoesNotRepeat_AndTheNextChangeIsAnnounced()
    {
        SetDailyRotation(Officer, SecondOfficer);
        _bed.SetLocal(11, 24, 9);
        Assert.True(Handover().Tick());

        // A new Handover on the same file, as after a restart, knows the change was announced.
        Assert.False(new Handover(_bed.Database, _bed.Get<DutyRoster>(), _bed.Get<Outbox>(), _bed.Get<CardRenderer>(), _bed.Get<IncidentLines>(),
            _bed.Get<ChatLanguages>(), _bed.Get<DirectNotices>(), _bed.Get<Microsoft.Extensions.Options.IOptionsMonitor<ChatsOptions>>()).Tick());

        _bed.SetLocal(11, 25, 8, 1);
        Assert.True(Handover().Tick());
        Assert.Equal(2, _bed.Sent(TeamChat).Count(t => t.Contains("交班")));
    }

    [Fact]
    public void Tick_WithNoRoster_PostsNothing()
    {
        _bed.SetLocal(11, 30, 8);
        Assert.False(Handover().Tick());
        Assert.DoesNotContain(_bed.Sent(TeamChat), t => t.Contains("交班"));
    }

    [Fact]
    public void Reminder_ForAnUnassignedIncident_MentionsTheOnDutyOfficer_AndMessagesThemPrivatelyOnceStarted()
    {
        SetDailyRotation(SecondOfficer);
        _bed.Database.Write(_ => _bed.Get<PeopleDirectory>().Remember(SecondOfficer, "李四", null, "lisi", privateChat: true));
        var incident = _bed.Open();
        Assert.Contains($"未指派（值班：<a href=\"tg://user?id={SecondOfficer}\">李四</a>）", _bed.Get<CardRenderer>().Text(incident, Text.Strings.Chinese));

        _bed.Time.Advance(TimeSpan.FromHours(2));
        _bed.Get<DeadlineWatch>().Tick();

        var reminder = _bed.Sent(TeamChat).Last();
        Assert.Contains("上报时限已过半", reminder);
        Assert.Contains($"请值班人员 <a href=\"tg://user?id={SecondOfficer}\">李四</a> 处理", reminder);
        Assert.Contains("上报时限已过半", Assert.Single(_bed.Sent(SecondOfficer)));
    }

    [Fact]
    public void Reminder_ToSomeoneWhoNeverStartedTheBot_AsksTheGroupOnceToStartIt()
    {
        var first = _bed.Open("一");
        var second = _bed.Open("二");
        var actor = new Actor(Supervisor, "赵主任");
        _bed.Get<IncidentService>().Apply(first.Id, IncidentAction.Assign, actor, assigneeId: ThirdOfficer);
        _bed.Get<IncidentService>().Apply(second.Id, IncidentAction.Assign, actor, assigneeId: ThirdOfficer);

        Assert.Single(_bed.Sent(TeamChat), t => t.Contains("/start") && t.Contains($"tg://user?id={ThirdOfficer}"));
        Assert.Empty(_bed.Sent(ThirdOfficer));
    }

    private Handover Handover() => _bed.Get<Handover>();

    private void SetDailyRotation(params long[] people) => _bed.Database.Write(_ =>
    {
        _bed.Get<DutyRoster>().Rotate(people, 1, new TimeOnly(8, 0));
        Handover().Acknowledge();
    });
}
