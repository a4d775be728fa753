using OpinionBot.Incidents;
using OpinionBot.Tests.EndToEnd;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Commands;

/// <summary>Help, refusals and the incident commands, end to end through the fake Bot API.</summary>
public sealed class IncidentCommandTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    public async Task InitializeAsync() => _chat = await CommandChat.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Help_ListsCommandsByRole_UnknownCommandGetsHelp_AnotherBotsCommandIsIgnored()
    {
        var officerHelp = await _chat.SayAsync(TeamChat, Officer, "/help");
        Assert.Contains("/assign", officerHelp.Text);
        Assert.DoesNotContain("/members", officerHelp.Text);
        Assert.Contains("/members", (await _chat.SayAsync(TeamChat, Supervisor, "/help")).Text);

        var unknown = await _chat.SayAsync(TeamChat, Officer, "/frobnicate 1");
        Assert.Contains("不认识的命令 /frobnicate", unknown.Text);
        Assert.Contains("/incidents", unknown.Text);

        var elsewhere = _chat.Type(TeamChat, Officer, "/help@some_other_bot");
        Assert.Contains("/assign", (await _chat.SayAsync(TeamChat, Officer, "/help@opinion_test_bot")).Text);
        Assert.DoesNotContain(_chat.Api.Messages(TeamChat), m => m.ReplyToMessageId == elsewhere);
    }

    [Fact]
    public async Task StrangersAndUnconfiguredChats_AreRefusedPolitely()
    {
        var stranger = await _chat.SayAsync(TeamChat, Stranger, "/incidents");
        Assert.Contains("不在舆情工作名单", stranger.Text);
        Assert.Contains(Stranger.ToString(), stranger.Text);

        Assert.Contains("本群未配置", (await _chat.SayAsync(-5555, Officer, "/status")).Text);
        Assert.Contains("不在舆情工作名单", (await _chat.SayAsync(Stranger, Stranger, "/start")).Text);
    }

    [Fact]
    public async Task MemberTryingOfficerAndSupervisorCommands_IsRefused_ButMayNote()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉无人处理");
        var n = CommandChat.AsTyped(incident);

        Assert.Contains("只有分管领导可以使用此命令", (await _chat.SayAsync(TeamChat, CommandChat.Member, "/members")).Text);
        Assert.Contains("只有分管领导可以使用此命令", (await _chat.SayAsync(TeamChat, CommandChat.Member, "/oncall rotate @wang")).Text);
        Assert.Contains("只有分管领导可以使用此命令", (await _chat.SayAsync(TeamChat, CommandChat.Member, $"/grade {n} 重大")).Text);
        Assert.Contains("只有监测员或分管领导", (await _chat.SayAsync(TeamChat, CommandChat.Member, $"/assign {n} @wang")).Text);
        Assert.Contains("只有监测员或分管领导", (await _chat.SayAsync(TeamChat, CommandChat.Member, $"/mute {n} 2h")).Text);
        Assert.Contains("当前为「新发现」", (await _chat.SayAsync(TeamChat, CommandChat.Member, $"/report {n}")).Text);
        Assert.Contains("已记录备注", (await _chat.SayAsync(TeamChat, CommandChat.Member, $"/note {n} 已电话核实")).Text);

        var stored = _chat.Reload(incident);
        Assert.Equal(IncidentStatus.New, stored.Status);
        Assert.Equal(Grade.General, stored.Grade);
        Assert.Equal("已电话核实", Assert.Single(stored.Notes).Text);
    }

    [Fact]
    public async Task IncidentCommands_HappyPath_ChangeTheIncidentAndEditItsCard()
    {
        var (incident, _) = await _chat.OpenAsync("某镇拖欠工资 工人投诉");
        var n = CommandChat.AsTyped(incident);

        Assert.Contains("指派完成", (await _chat.SayAsync(TeamChat, Officer, $"/assign {n} @lisi")).Text);
        await _chat.Api.WaitUntilAsync(() => _chat.Api.Messages(TeamChat)[0].Text!.Contains("李四"), CommandChat.Patience);
        Assert.Contains("上报完成，当前状态：已上报", (await _chat.SayAsync(TeamChat, SecondOfficer, $"/report {incident.Number}")).Text);
        Assert.Contains("已记录备注", (await _chat.SayAsync(TeamChat, SecondOfficer, $"/note {n} 已联系发帖人")).Text);
        await _chat.SayAsync(TeamChat, Officer, $"/escalate {n} 影响扩大");
        await _chat.CardAsync(incident.Number, LeadershipChat);
        Assert.Contains("等级已调整为「重大」", (await _chat.SayAsync(TeamChat, Supervisor, $"/grade {n} 重大 涉及人身安全")).Text);
        Assert.Contains("提醒已暂停至", (await _chat.SayAsync(TeamChat, Officer, $"/mute {n} 2h")).Text);
        Assert.Contains("已处置", (await _chat.SayAsync(TeamChat, Officer, $"/resolve {n} 删帖处理")).Text);

        var stored = _chat.Reload(incident);
        Assert.Equal(IncidentStatus.Resolved, stored.Status);
        Assert.Equal(HandlingOutcome.TakenDown, stored.Outcome);
        Assert.Equal(SecondOfficer, stored.AssigneeId);
        Assert.NotNull(stored.ReportedAt);
        Assert.Equal(Grade.Major, stored.Grade);
        Assert.Equal("涉及人身安全", stored.GradeReason);
        Assert.Equal("General→Major: 涉及人身安全", stored.Audit.Single(a => a.Action == "grade").Comment);
        Assert.True(stored.MutedUntil > DateTimeOffset.UtcNow.AddMinutes(119));
        Assert.Equal("影响扩大", stored.Audit.Single(a => a.Action == "escalate").Comment);
        await _chat.Api.WaitUntilAsync(() => _chat.Api.Messages(TeamChat)[0].Text!.Contains("已联系发帖人"), CommandChat.Patience);
    }

    [Fact]
    public async Task IncidentCommands_BadInputs_AnswerWithTheUsageLine()
    {
        var (incident, card) = await _chat.OpenAsync("医院收费投诉");
        var n = CommandChat.AsTyped(incident);

        Assert.Contains("用法：/resolve", (await _chat.SayAsync(TeamChat, Officer, $"/resolve {n} 胡乱处理")).Text);
        Assert.Contains("找不到舆情 9999", (await _chat.SayAsync(TeamChat, Officer, "/assign 9999 @lisi")).Text);
        Assert.Contains("找不到 @nobody", (await _chat.SayAsync(TeamChat, Officer, $"/assign {n} @nobody")).Text);
        Assert.Contains("用法：/mute", (await _chat.SayAsync(TeamChat, Officer, $"/mute {n} 30d")).Text);
        Assert.Contains("用法：/grade", (await _chat.SayAsync(TeamChat, Supervisor, $"/grade {n} 超级")).Text);
        Assert.Contains("用法：/note", (await _chat.SayAsync(TeamChat, Officer, "/note")).Text);
        Assert.Contains("用法：/sendback", (await _chat.SayAsync(TeamChat, Officer, $"/sendback {n}")).Text);
        Assert.Contains("不认识的筛选条件：随便", (await _chat.SayAsync(TeamChat, Officer, "/incidents 随便")).Text);
        Assert.Contains("用法：/lang", (await _chat.SayAsync(TeamChat, Officer, "/lang fr")).Text);

        // Replying to the card names the incident without its number.
        Assert.Contains("已记录备注", (await _chat.SayAsync(TeamChat, Officer, "/note 回复卡片也可以", replyTo: card.MessageId)).Text);
        var stored = _chat.Reload(incident);
        Assert.Equal(IncidentStatus.New, stored.Status);
        Assert.Equal("回复卡片也可以", Assert.Single(stored.Notes).Text);
    }

    [Fact]
    public async Task Incidents_ArePagedWithButtons_Filtered_AndRepostedOnRequest()
    {
        for (var i = 1; i <= 11; i++)
        {
            await _chat.OpenAsync($"投诉第 {i} 件");
        }

        var (major, _) = await _chat.OpenAsync("重大投诉", Grade.Major);
        var list = await _chat.SayAsync(TeamChat, Officer, "/incidents");
        Assert.Contains("舆情 12 件</b>（第 1/2 页）", list.Text);
        Assert.Equal(["下一页 »"], list.ButtonTexts);

        Assert.Equal("你不在值班名单中，操作无效", await _chat.PressAsync(TeamChat, Stranger, list, "下一页 »"));
        await _chat.PressAsync(TeamChat, Officer, list, "下一页 »");
        await _chat.Api.WaitUntilAsync(() => _chat.Api.Messages(TeamChat).Single(m => m.MessageId == list.MessageId).Text!.Contains("第 2/2 页"),
            CommandChat.Patience);
        Assert.Equal(["« 上一页"], _chat.Api.Messages(TeamChat).Single(m => m.MessageId == list.MessageId).ButtonTexts);

        var majors = await _chat.SayAsync(TeamChat, Officer, "/incidents 重大");
        Assert.Contains("舆情 1 件", majors.Text);
        Assert.Contains(major.Number, majors.Text);
        Assert.Empty(majors.Buttons);

        await _chat.SayAsync(TeamChat, Officer, $"/assign {CommandChat.AsTyped(major)} @zhangsan");
        var mine = await _chat.SayAsync(TeamChat, Officer, "/mine");
        Assert.Contains("舆情 1 件", mine.Text);
        Assert.Contains("📋 没有符合条件的舆情", (await _chat.SayAsync(TeamChat, Officer, "/incidents 已平息")).Text);

        _chat.Type(TeamChat, Officer, $"/incident {major.Number}");
        await _chat.Api.WaitUntilAsync(() => _chat.Api.Messages(TeamChat).Count(m => m.Text!.Contains(major.Number) && m.Buttons.Count > 0) == 2,
            CommandChat.Patience);
    }

    [Fact]
    public async Task IncidentsAll_CountsEveryOne_NewestFirst_AndNarrowsByIndexedFields()
    {
        var opened = new List<Incident>();
        for (var i = 1; i <= 11; i++)
        {
            opened.Add((await _chat.OpenAsync($"全部投诉第 {i} 件", i == 2 ? Grade.Major : Grade.General)).Incident);
        }

        // Two finished ones: only "all" or their own status lists them.
        foreach (var incident in opened.Take(2).Select(_chat.Reload))
        {
            incident.Status = IncidentStatus.Closed;
            _chat.Bot.Database.Write(s => s.Incidents.Save(incident));
        }

        Assert.Contains("舆情 9 件", (await _chat.SayAsync(TeamChat, Officer, "/incidents")).Text);
        var all = await _chat.SayAsync(TeamChat, Officer, "/incidents 全部");
        Assert.Contains("舆情 11 件</b>（第 1/2 页）", all.Text);
        Assert.Contains(opened[10].Number, all.Text);
        Assert.DoesNotContain(opened[0].Number, all.Text);
        await _chat.PressAsync(TeamChat, Officer, all, "下一页 »");
        await _chat.Api.WaitUntilAsync(() => _chat.Api.Messages(TeamChat).Single(m => m.MessageId == all.MessageId).Text!.Contains("第 2/2 页"),
            CommandChat.Patience);
        Assert.Contains(opened[0].Number, _chat.Api.Messages(TeamChat).Single(m => m.MessageId == all.MessageId).Text);

        var closed = await _chat.SayAsync(TeamChat, Officer, "/incidents 已平息");
        Assert.Contains("舆情 2 件", closed.Text);
        var major = await _chat.SayAsync(TeamChat, Officer, "/incidents 全部 重大");
        Assert.Contains("舆情 1 件", major.Text);
        Assert.Contains(opened[1].Number, major.Text);

        await _chat.SayAsync(TeamChat, Officer, $"/assign {CommandChat.AsTyped(opened[5])} @zhangsan");
        var mine = await _chat.SayAsync(TeamChat, Officer, "/incidents 全部 我");
        Assert.Contains("舆情 1 件", mine.Text);
        Assert.Contains(opened[5].Number, mine.Text);
    }
}
