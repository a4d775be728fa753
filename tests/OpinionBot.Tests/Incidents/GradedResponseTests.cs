using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>The running bot, through the fake Bot API: a major item reaches the leadership group at once, and 上报 sends the 报送.</summary>
public sealed class GradedResponseTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private BotHarness _bot = null!;

    private FakeBotApi Api => _bot.Api;

    public async Task InitializeAsync() => _bot = await BotHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task MajorItem_ReachesLeadershipOnArrival_AndReportByCommand_SendsTheReportUnderItsCard()
    {
        _bot.Settings["Topics:0:Grade"] = "Major";
        await StartWithOneItemAsync();

        var leadershipCard = await Api.WaitForMessageAsync(BotHarness.LeadershipChat, m => m.Text!.StartsWith("🚨", StringComparison.Ordinal), Patience);
        Assert.Contains("重大", leadershipCard.Text);
        await PressAsync(BotHarness.Officer, "认领", "核实中");
        await _bot.CardStoredAsync(leadershipCard);

        var number = Assert.Single(_bot.Database.AllIncidents()).Number;
        Api.InjectMessage(BotHarness.TeamChat, BotHarness.Officer, $"/report {number}");

        var report = await Api.WaitForMessageAsync(BotHarness.LeadershipChat, m => m.Text!.Contains("舆情报送"), Patience);
        Assert.Equal(leadershipCard.MessageId, report.ReplyToMessageId);
        Assert.Contains("首发媒体", report.Text);
        Assert.NotNull(Assert.Single(_bot.Database.AllIncidents()).ReportedAt);
    }

    [Fact]
    public async Task ReportButton_OnAGeneralItem_SendsTheReportToReportTo()
    {
        const long reportTo = -1004;
        _bot.Settings["Chats:ReportTo"] = reportTo.ToString();
        await StartWithOneItemAsync();
        Assert.Empty(Api.Messages(BotHarness.LeadershipChat)); // 一般: nothing goes up on arrival

        await PressAsync(BotHarness.Officer, "认领", "核实中");
        await PressAsync(BotHarness.Officer, "上报", "已上报");

        var report = await Api.WaitForMessageAsync(reportTo, m => m.Text!.Contains("舆情报送"), Patience);
        Assert.Contains("传播情况", report.Text);
        Assert.Empty(Api.Messages(BotHarness.LeadershipChat));
    }

    [Fact]
    public async Task UnclaimedStory_SpreadingToASecondSource_SendsANoticeUnderTheCard_NotOnlyAnEdit()
    {
        _bot.Settings["Sources:1:Name"] = "本地论坛";
        _bot.Settings["Sources:1:Kind"] = "feed";
        _bot.Settings["Sources:1:Url"] = _bot.Site.BaseUrl + "/forum.xml";
        _bot.Settings["Sources:1:Schedule"] = "every 1s";
        _bot.Site.Set("/forum.xml", TestFeeds.Rss());
        await StartWithOneItemAsync();
        var card = Api.Messages(BotHarness.TeamChat)[0];

        _bot.Site.Set("/forum.xml", TestFeeds.Rss(("转帖：县人民医院被投诉乱收费", _bot.Site.BaseUrl + "/t/7", DateTimeOffset.UtcNow.AddMinutes(-1), "患者投诉医院乱收费")));

        var notice = await Api.WaitForMessageAsync(BotHarness.TeamChat, m => m.Text!.StartsWith("📈", StringComparison.Ordinal), Patience);
        Assert.Equal(card.MessageId, notice.ReplyToMessageId);
        Assert.Single(_bot.Database.AllIncidents()); // the same story, not a second incident
    }

    private async Task StartWithOneItemAsync()
    {
        _bot.Site.Set("/feed.xml", TestFeeds.Rss(("县人民医院被投诉乱收费", _bot.Site.BaseUrl + "/n/1", DateTimeOffset.UtcNow.AddMinutes(-2), "患者投诉医院乱收费")));
        await _bot.StartAsync();
        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count >= 1, Patience);
    }

    private async Task PressAsync(long user, string button, string expectText)
    {
        var card = Api.Messages(BotHarness.TeamChat)[0];
        var data = card.ButtonData(button) ?? throw new InvalidOperationException($"No button {button} on: {card.Text}");
        var press = Api.InjectCallback(BotHarness.TeamChat, user, card.MessageId, data);
        await Api.WaitUntilAsync(() => Api.CallbackAnswers.Any(a => a.CallbackQueryId == press) &&
                                       Api.Messages(BotHarness.TeamChat)[0].Text!.Contains(expectText), Patience);
    }
}
