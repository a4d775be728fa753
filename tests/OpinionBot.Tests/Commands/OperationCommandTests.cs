using OpinionBot.Scheduling;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Commands;

/// <summary>Running the operation from the chat: language, direct messages, status, roster, members, menus.</summary>
public sealed class OperationCommandTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    public async Task InitializeAsync() => _chat = await CommandChat.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Lang_SwitchesOneChatToEnglish_CardsAndRepliesFollow()
    {
        Assert.Contains("This chat now uses English", (await _chat.SayAsync(TeamChat, Officer, "/lang en")).Text);
        Assert.Contains("<b>Commands</b>", (await _chat.SayAsync(TeamChat, Officer, "/help")).Text);
        Assert.Contains("Usage: /resolve", (await _chat.SayAsync(TeamChat, Officer, "/resolve 1 whatever")).Text);

        var (incident, card) = await _chat.OpenAsync("医院投诉");
        Assert.Contains("Incident " + incident.Number, card.Text);
        Assert.Contains("Claim", card.ButtonTexts);
        Assert.Contains("舆情", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/incidents")).Text); // other chats keep Chinese

        Assert.Contains("本群已切换为中文", (await _chat.SayAsync(TeamChat, Officer, "/lang 中文")).Text);
    }

    [Fact]
    public async Task Start_InPrivate_RegistersForDirectMessages_AndAnAssignmentArrivesPrivately()
    {
        var started = await _chat.SayAsync(SecondOfficer, SecondOfficer, "/start");
        Assert.Contains("已开启私信提醒", started.Text);
        Assert.Contains("/mine", started.Text);

        var (first, _) = await _chat.OpenAsync("医院投诉一");
        await _chat.SayAsync(TeamChat, Supervisor, $"/assign {CommandChat.AsTyped(first)} {SecondOfficer}");
        var direct = await _chat.Api.WaitForMessageAsync(SecondOfficer, m => m.Text!.Contains(first.Number), CommandChat.Patience);
        Assert.Contains("指派给你", direct.Text);

        // Someone who never started the bot: the group is told once how to get direct messages.
        var (second, _) = await _chat.OpenAsync("医院投诉二");
        var (third, _) = await _chat.OpenAsync("医院投诉三");
        await _chat.SayAsync(TeamChat, Supervisor, $"/assign {CommandChat.AsTyped(second)} @zhangsan");
        await _chat.SayAsync(TeamChat, Supervisor, $"/assign {CommandChat.AsTyped(third)} @zhangsan");
        Assert.Single(_chat.Api.Messages(TeamChat), m => m.Text!.Contains("请私聊本机器人并发送 /start"));
        Assert.Empty(_chat.Api.Messages(Officer));
    }

    [Fact]
    public async Task Start_InPrivateFromAnEnglishApp_RepliesInEnglish()
    {
        var started = await _chat.SayAsync(Officer, Officer, "/start", languageCode: "en");
        Assert.Contains("Direct messages are on", started.Text);
    }

    [Fact]
    public async Task Status_ShowsSourcesBacklogOpenIncidentsAndDuty()
    {
        var health = (OpinionBot.Sources.SourceHealthTracker)_chat.Bot.Services.GetService(typeof(OpinionBot.Sources.SourceHealthTracker))!;
        await _chat.Api.WaitUntilAsync(() => _chat.Bot.Database.Write(_ => health.Get("县新闻").LastCheck) is not null, CommandChat.Patience);
        await _chat.OpenAsync("医院投诉");

        var status = await _chat.SayAsync(TeamChat, Officer, "/status");

        Assert.Contains("✅ 县新闻 — 最近检查", status.Text);
        Assert.Contains("未结舆情：1（重大 0 · 较大 0 · 一般 1）", status.Text);
        Assert.Contains("待发送消息：", status.Text);
        Assert.Contains("已逾期：0", status.Text);
        Assert.Contains("值班：未排班", status.Text);
    }

    [Fact]
    public async Task OnCall_RotateShowSwap_AndBadShiftsGetUsage()
    {
        var saved = await _chat.SayAsync(TeamChat, Supervisor, "/oncall rotate @zhangsan @lisi");
        Assert.Contains("排班已保存", saved.Text);
        Assert.Contains("当前值班：张三", saved.Text);

        var shown = await _chat.SayAsync(TeamChat, CommandChat.Member, "/oncall");
        Assert.Contains("下一班：李四", shown.Text);
        Assert.Contains("轮班：每周一 08:00 交班：张三 → 李四", shown.Text);

        Assert.Contains("当前值班：李四", (await _chat.SayAsync(TeamChat, Officer, "/oncall swap @zhangsan @lisi")).Text);
        Assert.Contains("用法：/oncall", (await _chat.SayAsync(TeamChat, Supervisor, "/oncall shift @lisi 2026-13-01 08:00 2026-13-01 20:00")).Text);
        Assert.Contains("该班次已经结束", (await _chat.SayAsync(TeamChat, Supervisor, "/oncall shift @lisi 2020-01-01 08:00 20:00")).Text);
        Assert.Contains("不在成员名单中", (await _chat.SayAsync(TeamChat, Supervisor, $"/oncall rotate {Stranger}")).Text);

        var (incident, card) = await _chat.OpenAsync("医院投诉");
        Assert.Contains($"未指派（值班：<a href=\"tg://user?id={SecondOfficer}\">", card.Text);
        Assert.Contains("排班已清空", (await _chat.SayAsync(TeamChat, Supervisor, "/oncall clear")).Text);
        Assert.NotNull(incident);
    }

    [Fact]
    public async Task Members_SupervisorAddsAndRemovesPeople_WhoThenMayOrMayNotUseCommands()
    {
        Assert.Contains("不在舆情工作名单", (await _chat.SayAsync(TeamChat, 777, "/incidents")).Text);

        Assert.Contains("角色已设为：监测员", (await _chat.SayAsync(TeamChat, Supervisor, "/members add 777 监测员")).Text);
        Assert.Contains("没有符合条件的舆情", (await _chat.SayAsync(TeamChat, 777, "/incidents")).Text);
        var list = await _chat.SayAsync(TeamChat, Supervisor, "/members");
        Assert.Contains("User777 (777)", list.Text);
        Assert.Contains("赵主任 (601) ⚙", list.Text);

        Assert.Contains("已将 User777 移出", (await _chat.SayAsync(TeamChat, Supervisor, "/members remove 777")).Text);
        Assert.Contains("不在舆情工作名单", (await _chat.SayAsync(TeamChat, 777, "/incidents")).Text);
        Assert.Contains("配置文件中的分管领导", (await _chat.SayAsync(TeamChat, Supervisor, $"/members remove {Supervisor}")).Text);
        Assert.Contains("用法：/members", (await _chat.SayAsync(TeamChat, Supervisor, "/members add 777 国王")).Text);
        Assert.Contains("已将 张三 移出", (await _chat.SayAsync(TeamChat, Supervisor, "/members remove @zhangsan")).Text);
        Assert.Contains("不在舆情工作名单", (await _chat.SayAsync(TeamChat, Officer, "/incidents")).Text);
    }

    [Fact]
    public async Task CommandMenus_AreRegisteredPerScope_InChineseAndEnglish()
    {
        await _chat.Api.WaitUntilAsync(() => _chat.Api.MyCommands("chat_member", TeamChat, "en").Count > 0, CommandChat.Patience);

        var groups = _chat.Api.MyCommands("all_group_chats");
        Assert.Contains(("help", "帮助：可用的命令"), groups);
        Assert.Contains(groups, c => c.Command == "incidents");
        Assert.DoesNotContain(groups, c => c.Command is "members" or "assign");
        Assert.Contains(_chat.Api.MyCommands("chat", SupervisorsChat), c => c.Command == "members");
        Assert.Contains(_chat.Api.MyCommands("all_private_chats"), c => c.Command == "start");
        Assert.Contains(("help", "Help: the commands you can use"), _chat.Api.MyCommands("all_group_chats", languageCode: "en"));
        Assert.Contains(_chat.Api.MyCommands("chat_member", TeamChat), c => c.Command == "assign");
    }
}
