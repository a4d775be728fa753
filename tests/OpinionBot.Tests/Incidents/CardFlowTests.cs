using OpinionBot.Incidents;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>The collect → verify → report → handle cycle run from the card, end to end through the fake Bot API.</summary>
public sealed class CardFlowTests : IAsyncLifetime
{
    private const long DepartmentChat = -1009;
    private const long DepartmentLead = 701;
    private const long DepartmentMember = 702;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private BotHarness _bot = null!;

    private FakeBotApi Api => _bot.Api;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.CreateAsync();
        _bot.Settings["Departments:0:Name"] = "卫健局";
        _bot.Settings["Departments:0:Chat"] = DepartmentChat.ToString();
        _bot.Settings["Departments:0:Lead"] = DepartmentLead.ToString();
        _bot.Settings["Departments:0:Members:0"] = DepartmentMember.ToString();
        _bot.Settings["Deadlines:CheckEvery"] = "00:00:01";
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task ClaimReportAssignResolveWithOutcome_ThenSupervisorCloses()
    {
        await StartWithOneItemAsync();

        await PressAndWaitAsync(BotHarness.Officer, "认领", "核实中");
        await PressAndWaitAsync(BotHarness.Officer, "上报", "已上报");
        Assert.Contains("上报时间", Card().Text);
        await PressAndWaitAsync(BotHarness.Supervisor, "指派", expectButton: "🏢 卫健局");
        await PressAndWaitAsync(BotHarness.Supervisor, "🏢 卫健局", "处置中");
        await Api.WaitUntilAsync(() => Api.Messages(DepartmentChat).Any(m => m.Text!.StartsWith("🔔", StringComparison.Ordinal)), Patience); // 谁主管、谁负责
        await PressAndWaitAsync(BotHarness.Officer, "处置", expectButton: "澄清回应");
        await PressAndWaitAsync(BotHarness.Officer, "澄清回应", "已处置");
        Assert.Contains("处理结果：澄清回应", Card().Text);
        await PressAndWaitAsync(BotHarness.Supervisor, "平息", "已平息");

        var incident = Assert.Single(_bot.Database.AllIncidents());
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal(HandlingOutcome.Clarified, incident.Outcome);
        Assert.Equal("卫健局", incident.Department);
        Assert.Equal(DepartmentLead, incident.AssigneeId);
        Assert.NotNull(incident.ReportedAt);
        Assert.Equal(["created", "claim", "report", "assign", "resolve", "close"], incident.Audit.Select(a => a.Action));
        Assert.DoesNotContain(Card().Buttons.SelectMany(r => r), b => b.Text is "认领" or "处置");
    }

    [Fact]
    public async Task StrangerPress_StalePress_AndTamperedData_ChangeNothing_AndAreAllAnswered()
    {
        await StartWithOneItemAsync();
        var card = Card();
        var claim = card.ButtonData("认领")!;

        var stranger = Api.InjectCallback(BotHarness.TeamChat, BotHarness.Stranger, card.MessageId, claim);
        var tampered = Api.InjectCallback(BotHarness.TeamChat, BotHarness.Officer, card.MessageId, "c:1:0:9999999999999999999999");
        var unknown = Api.InjectCallback(BotHarness.TeamChat, BotHarness.Officer, card.MessageId, "c:424242:0");
        var garbage = Api.InjectCallback(BotHarness.TeamChat, BotHarness.Officer, card.MessageId, "💣' OR 1=1 --");
        Api.InjectMessage(-5555, BotHarness.Officer, "an unconfigured group"); // message 1 of that chat
        var wrongChat = Api.InjectCallback(-5555, BotHarness.Officer, 1, claim);
        await Api.WaitUntilAsync(() => new[] { stranger, tampered, unknown, garbage, wrongChat }.All(Answered), Patience);
        Assert.Equal(IncidentStatus.New, Assert.Single(_bot.Database.AllIncidents()).Status);

        await PressAndWaitAsync(BotHarness.Officer, "认领", "核实中");
        var stale = Api.InjectCallback(BotHarness.TeamChat, BotHarness.Officer, card.MessageId, card.ButtonData("误报")!);
        await Api.WaitUntilAsync(() => Answered(stale), Patience);

        Assert.Equal(IncidentStatus.Claimed, Assert.Single(_bot.Database.AllIncidents()).Status);
        Assert.Contains("不在", Answer(stranger));
        Assert.Contains("无效", Answer(tampered));
        Assert.Contains("找不到", Answer(unknown));
        Assert.Contains("无效", Answer(garbage));
        Assert.Contains("未配置", Answer(wrongChat));
        Assert.Contains("卡片已更新", Answer(stale));
    }

    [Fact]
    public async Task MemberMayClaimButNotClose_AndGetsARefusalNamingWhoMay()
    {
        _bot.Settings["Access:Members:0"] = "801";
        await StartWithOneItemAsync();

        var press = Api.InjectCallback(BotHarness.TeamChat, 801, Card().MessageId, Card().ButtonData("处置")!);
        await Api.WaitUntilAsync(() => Answered(press), Patience);
        Assert.Contains("监测员", Answer(press));

        await PressAndWaitAsync(801, "认领", "核实中");
    }

    [Fact]
    public async Task MissedDeadline_MarksOverdue_AndEscalatesWithTheReason()
    {
        _bot.Settings["Deadlines:General"] = "00:00:08"; // half time at 4 s, the final reminder at 7 s: a slow tick still sees both
        _bot.Settings["Deadlines:FinalReminder"] = "00:00:01";
        await StartWithOneItemAsync("县人民医院新门诊楼今日启用", "新门诊楼启用后将分流就诊人员"); // not negative: the 4 h report rule applies

        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.LeadershipChat).Count == 1, Patience);

        Assert.Contains("逾期未上报", Api.Messages(BotHarness.LeadershipChat)[0].Text);
        await Api.WaitUntilAsync(() => Card().Text!.Contains("已逾期"), Patience);
        var notices = Api.Messages(BotHarness.TeamChat).Skip(1).Select(m => m.Text!).ToList();
        Assert.Contains(notices, n => n.Contains("上报时限已过半"));
        Assert.Contains(notices, n => n.Contains("逾期未上报"));
        Assert.All(Api.Messages(BotHarness.TeamChat).Skip(1), n => Assert.Equal(Card().MessageId, n.ReplyToMessageId));
        var incident = Assert.Single(_bot.Database.AllIncidents());
        Assert.True(incident.Overdue);
    }

    [Fact]
    public async Task ReplyToTheCard_AddsANote_ShownOnTheCard()
    {
        await StartWithOneItemAsync();
        await _bot.CardStoredAsync(Card());

        Api.InjectMessage(BotHarness.TeamChat, BotHarness.Officer, "已联系医院核实，情况属实", replyToMessageId: Card().MessageId, firstName: "张三");

        await Api.WaitUntilAsync(() => Card().Text!.Contains("已联系医院核实"), Patience);
        var note = Assert.Single(Assert.Single(_bot.Database.AllIncidents()).Notes);
        Assert.Equal("张三", note.ActorName);
        Assert.Contains("最新备注", Card().Text);
    }

    [Fact]
    public async Task DepartmentMember_ActsOnItsCard_AndSendsItBack()
    {
        _bot.Settings["Topics:0:Department"] = "卫健局";
        await StartWithOneItemAsync();
        await Api.WaitUntilAsync(() => Api.Messages(DepartmentChat).Count == 1, Patience);
        var departmentCard = Api.Messages(DepartmentChat)[0];

        var claim = Api.InjectCallback(DepartmentChat, DepartmentMember, departmentCard.MessageId, departmentCard.ButtonData("认领")!);
        await Api.WaitUntilAsync(() => Answered(claim) && Api.Messages(DepartmentChat)[0].Text!.Contains("核实中"), Patience);
        var card = Api.Messages(DepartmentChat)[0];
        var sendBack = Api.InjectCallback(DepartmentChat, DepartmentMember, card.MessageId, card.ButtonData("退回")!);

        // The press changes nothing yet: it asks for the reason with a ForceReply prompt aimed at the presser.
        var prompt = await Api.WaitForMessageAsync(DepartmentChat, m => m.Text!.StartsWith("✍️", StringComparison.Ordinal), Patience);
        Assert.True(Answered(sendBack));
        Assert.Contains("原因", Answer(sendBack));
        Assert.Contains(Api.Requests("sendMessage"), r => r.Parameter("reply_markup") is { } markup && markup.Contains("\"force_reply\":true", StringComparison.Ordinal));
        Assert.Equal(IncidentStatus.Claimed, Assert.Single(_bot.Database.AllIncidents()).Status);

        Api.InjectMessage(DepartmentChat, DepartmentMember, "不属于本部门职责，应由教育局处理", replyToMessageId: prompt.MessageId);
        await Api.WaitUntilAsync(() => Card().Text!.Contains("新发现") &&
                                       Api.Messages(BotHarness.TeamChat).Any(m => m.Text!.Contains("不属于本部门职责")), Patience);

        var incident = Assert.Single(_bot.Database.AllIncidents());
        Assert.Equal(IncidentStatus.New, incident.Status);
        Assert.Null(incident.AssigneeId);
        Assert.Equal("sendback", incident.Audit[^1].Action);
        Assert.Equal("不属于本部门职责，应由教育局处理", incident.Audit[^1].Comment);
        var notice = Api.Messages(BotHarness.TeamChat).Single(m => m.Text!.StartsWith("↩️", StringComparison.Ordinal));
        Assert.Equal(Card().MessageId, notice.ReplyToMessageId); // under the team's card, where the dispatcher is
    }

    private async Task StartWithOneItemAsync(string title = "县人民医院被投诉乱收费", string text = "患者投诉医院乱收费")
    {
        _bot.Site.Set("/feed.xml", TestFeeds.Rss((title, _bot.Site.BaseUrl + "/n/1", DateTimeOffset.UtcNow.AddMinutes(-2), text)));
        await _bot.StartAsync();
        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count >= 1, Patience);
    }

    private FakeMessage Card() => Api.Messages(BotHarness.TeamChat)[0];

    private async Task PressAndWaitAsync(long user, string button, string? expectText = null, string? expectButton = null)
    {
        var card = Card();
        var data = card.ButtonData(button) ?? throw new InvalidOperationException($"No button {button} on: {card.Text}");
        var press = Api.InjectCallback(BotHarness.TeamChat, user, card.MessageId, data);
        await Api.WaitUntilAsync(() => Answered(press) &&
                                       (expectText is null || Card().Text!.Contains(expectText)) &&
                                       (expectButton is null || Card().ButtonData(expectButton) is not null), Patience);
    }

    private bool Answered(string id) => Api.CallbackAnswers.Any(a => a.CallbackQueryId == id);

    private string Answer(string id) => Api.CallbackAnswers.First(a => a.CallbackQueryId == id).Text ?? "";
}
