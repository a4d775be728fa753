using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>Hostile or unusual situations found in review: each must change nothing it should not, and lose nothing.</summary>
public sealed class HardeningTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private BotHarness _bot = null!;

    private FakeBotApi Api => _bot.Api;

    public async Task InitializeAsync() => _bot = await BotHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task OpenMode_AStrangerInAPrivateChat_GetsNoRights_AndTheFirstMembersChangeKeepsItsAuthorInCharge()
    {
        _bot.OpenAccess = true;
        await StartWithItemAsync("县医院收费投诉", "患者投诉");

        Api.InjectMessage(4444, 4444, "/heightened on 6h", chatType: "private", firstName: "路人");
        await Api.WaitUntilAsync(() => Api.Messages(4444).Count == 1, Patience);
        Assert.DoesNotContain("重点时段已开启", Api.Messages(4444)[0].Text);
        Assert.Null(_bot.Database.Read(s => s.HeightenedPeriods.Stored()));

        Api.InjectMessage(BotHarness.TeamChat, 777, "/members add 778 监测员", firstName: "王主任");
        await Api.WaitUntilAsync(() => _bot.Database.Read(s => s.People.Members().Count) == 2, Patience);
        Api.InjectMessage(BotHarness.TeamChat, 777, "/members add 779 成员", firstName: "王主任");
        await Api.WaitUntilAsync(() => _bot.Database.Read(s => s.People.Members().Count) == 3, Patience);
    }

    [Fact]
    public async Task HugeTitle_StillGivesACardWithinTelegramsLimit()
    {
        await StartWithItemAsync("县医院投诉" + new string('长', 6000), "患者投诉");

        var card = Api.Messages(BotHarness.TeamChat)[0];
        Assert.InRange(card.Text!.Length, 1, 4096);
        Assert.DoesNotContain(_bot.Database.Read(s => s.Outbox.QueuedAfter(0)), m => m.Failed);
    }

    [Fact]
    public async Task NoLeadershipChat_EscalationReachesTheSupervisors()
    {
        _bot.Settings["Chats:Leadership"] = "0";
        await StartWithItemAsync("县医院停电手术中断", "市民反映医院停电");
        var card = Api.Messages(BotHarness.TeamChat)[0];

        Api.InjectCallback(BotHarness.TeamChat, BotHarness.Officer, card.MessageId, card.ButtonData("升级")!);

        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.SupervisorsChat).Any(m => m.Text!.Contains("领导小组")), Patience);
    }

    [Fact]
    public async Task CommandPageButtonForgedOnACard_IsRefused_AndTheCardKeepsItsButtons()
    {
        await StartWithItemAsync("县医院排队三小时", "患者投诉排队");
        var card = Api.Messages(BotHarness.TeamChat)[0];
        await _bot.CardStoredAsync(card);

        var forged = Api.InjectCallback(BotHarness.TeamChat, BotHarness.Officer, card.MessageId, "/src:0");
        await Api.WaitUntilAsync(() => Api.CallbackAnswers.Any(a => a.CallbackQueryId == forged), Patience);
        await _bot.ChecksPassedAsync();

        Assert.NotNull(Api.Messages(BotHarness.TeamChat)[0].ButtonData("认领"));
        Assert.Contains("县医院排队三小时", Api.Messages(BotHarness.TeamChat)[0].Text);
    }

    [Fact]
    public async Task DepartmentWhoseChatIsTheTeamChat_GetsOneCard()
    {
        _bot.Settings["Departments:0:Name"] = "办公室";
        _bot.Settings["Departments:0:Chat"] = BotHarness.TeamChat.ToString();
        _bot.Settings["Departments:0:Lead"] = "701";
        _bot.Settings["Topics:0:Department"] = "办公室";
        await StartWithItemAsync("县医院门诊搬迁", "医院门诊搬迁通知");
        await _bot.ChecksPassedAsync();

        Assert.Single(Api.Messages(BotHarness.TeamChat), m => m.Text!.StartsWith("🔔", StringComparison.Ordinal));
    }

    private async Task StartWithItemAsync(string title, string text)
    {
        _bot.Site.Set("/feed.xml", TestFeeds.Rss((title, _bot.Site.BaseUrl + "/n/1", DateTimeOffset.UtcNow.AddMinutes(-1), text)));
        await _bot.StartAsync();
        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count >= 1, Patience);
    }
}
