using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Incidents;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.EndToEnd;

/// <summary>From a watched feed to an actionable card, through the real host, Telegram client, LiteDB and Quartz.</summary>
public sealed class FoundationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private BotHarness _bot = null!;

    private FakeBotApi Api => _bot.Api;

    public async Task InitializeAsync() => _bot = await BotHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task NewMatchingItem_GivesExactlyOneCardWithClaimAssignEscalateResolve_AndNonMatchingItemGivesNone()
    {
        PublishFeed(("县医院被患者投诉乱收费", "/news/1"), ("今日天气晴朗", "/news/2"));
        await _bot.StartAsync();

        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count == 1, Patience);
        await _bot.ChecksPassedAsync(); // two more polls must add nothing

        var card = Assert.Single(Api.Messages(BotHarness.TeamChat));
        Assert.Contains("县医院被患者投诉乱收费", card.Text);
        Assert.Matches(@"\d{4}-0001", card.Text);
        Assert.Equal(["认领", "指派", "升级", "处置", "误报"], card.Buttons.SelectMany(r => r).Select(b => b.Text));
        Assert.All(card.Buttons.SelectMany(r => r), b => Assert.True(System.Text.Encoding.UTF8.GetByteCount(b.Data) <= 64));
        Assert.DoesNotContain(Api.Messages(BotHarness.TeamChat), m => m.Text!.Contains("天气"));
    }

    [Fact]
    public async Task Claim_EditsTheCardAnswersThePressAndPersists_EscalateReachesLeadership_AssignNamesThePerson()
    {
        PublishFeed(("某镇拖欠工资 工人投诉", "/news/3"));
        await _bot.StartAsync();
        Api.InjectMessage(BotHarness.TeamChat, BotHarness.SecondOfficer, "收到", firstName: "李四");
        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count == 1, Patience);

        var pressId = Press(BotHarness.Officer, "认领");
        await Api.WaitUntilAsync(() => Card().Text!.Contains("核实中") && Answered(pressId), Patience);
        var incident = Assert.Single(_bot.Database.AllIncidents());
        Assert.Equal(IncidentStatus.Claimed, incident.Status);
        Assert.Equal(BotHarness.Officer, incident.AssigneeId);
        Assert.Contains("认领", Card().Text);

        Press(BotHarness.Officer, "升级");
        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.LeadershipChat).Count == 1, Patience);
        Assert.Contains(incident.Number, Api.Messages(BotHarness.LeadershipChat)[0].Text);

        Press(BotHarness.Supervisor, "指派");
        await Api.WaitUntilAsync(() => Card().Buttons.SelectMany(r => r).Any(b => b.Text == "李四"), Patience);
        Press(BotHarness.Supervisor, "李四");
        await Api.WaitUntilAsync(() => Card().Text!.Contains("李四"), Patience);
        Assert.Equal(BotHarness.SecondOfficer, _bot.Database.Incident(incident.Id).AssigneeId);
    }

    [Fact]
    public async Task Restart_ResendsNothing_HandlesNoUpdateTwice_AndStillAlertsNewItems()
    {
        PublishFeed(("医院门口发生纠纷", "/news/4"));
        await _bot.StartAsync();
        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count == 1, Patience);
        var pressId = Press(BotHarness.Officer, "认领");
        await Api.WaitUntilAsync(() => Answered(pressId) && Card().Text!.Contains("核实中"), Patience);
        await _bot.StopAsync();
        var sendsBefore = Api.Requests("sendMessage").Count;
        var editsBefore = Api.Requests("editMessageText").Count;

        await _bot.StartAsync();
        var staleId = Press(BotHarness.Officer, "认领", fromFirstCard: true); // the same press again, on the old card
        await Api.WaitUntilAsync(() => Answered(staleId), Patience);
        await _bot.ChecksPassedAsync();
        Assert.Equal(sendsBefore, Api.Requests("sendMessage").Count);
        Assert.Equal(editsBefore, Api.Requests("editMessageText").Count);
        Assert.Equal(2, Api.CallbackAnswers.Count);
        Assert.Equal(1, Assert.Single(_bot.Database.AllIncidents()).Audit.Count(a => a.Action == "claim"));

        PublishFeed(("医院门口发生纠纷", "/news/4"), ("卫生院投诉无人处理", "/news/5"));
        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count == 2, Patience);
    }

    [Fact]
    public async Task TelegramDownThenRateLimited_EveryCardArrivesExactlyOnce_InOrder()
    {
        PublishFeed(("县医院收费不透明遭投诉", "/n/1"), ("乡镇医院夜间无人值守", "/n/2"), ("市民反映医院停车位紧张", "/n/3"));
        Api.FailNext(3, status: 502, method: "sendMessage");
        await _bot.StartAsync();
        await Api.WaitUntilAsync(() => Api.Requests("sendMessage").Count >= 1, Patience);
        Api.FailNext(2, status: 429, retryAfter: 1, method: "sendMessage");

        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count == 3, TimeSpan.FromSeconds(40));
        await _bot.ChecksPassedAsync();

        var cards = Api.Messages(BotHarness.TeamChat);
        Assert.Equal(3, cards.Count);
        Assert.Contains("县医院收费不透明遭投诉", cards[0].Text);
        Assert.Contains("乡镇医院夜间无人值守", cards[1].Text);
        Assert.Contains("市民反映医院停车位紧张", cards[2].Text);
        Assert.Empty(_bot.Database.Read(s => s.Outbox.Waiting()));
        Assert.DoesNotContain(_bot.Database.Read(s => s.Outbox.QueuedAfter(0)), m => m.Failed);
    }

    private void PublishFeed(params (string Title, string Path)[] items)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        _bot.Site.Set("/feed.xml", TestFeeds.Rss(items.Select(i => (i.Title, _bot.Site.BaseUrl + i.Path, now, i.Title)).ToArray()));
    }

    private FakeMessage Card() => Api.Messages(BotHarness.TeamChat)[0];

    private FakeMessage? _firstCard;

    private string Press(long user, string buttonText, bool fromFirstCard = false)
    {
        var card = Card();
        _firstCard ??= card;
        var source = fromFirstCard ? _firstCard : card;
        var button = source.Buttons.SelectMany(r => r).First(b => b.Text == buttonText);
        return Api.InjectCallback(BotHarness.TeamChat, user, card.MessageId, button.Data);
    }

    private bool Answered(string callbackQueryId) => Api.CallbackAnswers.Any(a => a.CallbackQueryId == callbackQueryId);
}
