using OpinionBot.Incidents;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Matching;

/// <summary>The same story reposted on three sites becomes one incident whose card grows, not three cards.</summary>
public sealed class OneIncidentPerStoryTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.CreateAsync();
        foreach (var (index, name) in new[] { (1, "本地论坛"), (2, "市民网") })
        {
            _bot.Settings[$"Sources:{index}:Name"] = name;
            _bot.Settings[$"Sources:{index}:Kind"] = "feed";
            _bot.Settings[$"Sources:{index}:Url"] = _bot.Site.BaseUrl + $"/feed{index}.xml";
            _bot.Settings[$"Sources:{index}:Schedule"] = "every 1s";
        }
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task SameStoryOnThreeSources_IsOneCard_EditedToShowThreeSources_GradeRaised_WorseningEscalated()
    {
        var api = _bot.Api;
        var published = DateTimeOffset.UtcNow.AddMinutes(-10);
        _bot.Site.Set("/feed.xml", Feed("县人民医院拒收急诊病人 家属投诉无门", "/a/1", published,
            "昨晚县人民医院急诊科以床位已满为由拒收一名急诊病人，家属多次投诉无人回应，患者被迫转院，家属情绪激动。"));
        _bot.Site.Set("/feed1.xml", TestFeeds.Rss());
        _bot.Site.Set("/feed2.xml", TestFeeds.Rss());
        await _bot.StartAsync();
        await api.WaitUntilAsync(() => api.Messages(BotHarness.TeamChat).Count == 1, Patience);
        var card = api.Messages(BotHarness.TeamChat)[0];
        Assert.Contains("负面", card.Text);
        var claim = api.InjectCallback(BotHarness.TeamChat, BotHarness.Officer, card.MessageId, card.ButtonData("认领")!);
        await api.WaitUntilAsync(() => api.CallbackAnswers.Any(a => a.CallbackQueryId == claim) &&
                                       api.Messages(BotHarness.TeamChat)[0].Text!.Contains("核实中"), Patience);

        _bot.Site.Set("/feed1.xml", Feed("转：县人民医院拒收急诊病人，家属投诉无门", "/b/7", published.AddMinutes(20),
            "网友爆料：昨晚县人民医院急诊科以床位已满为由拒收一名急诊病人，家属多次投诉无人回应，患者被迫转院。"));
        _bot.Site.Set("/feed2.xml", Feed("县人民医院急诊拒收病人 家属投诉无门", "/c/3", published.AddMinutes(30),
            "昨晚县人民医院急诊科以床位已满为由拒收一名急诊病人，家属多次投诉无人回应，患者被迫转院，家属情绪激动！"));

        await api.WaitUntilAsync(() => api.Messages(BotHarness.TeamChat)[0].Text!.Contains("+2"), Patience);
        await api.WaitUntilAsync(() => api.Messages(BotHarness.LeadershipChat).Count >= 1, Patience);
        await _bot.ChecksPassedAsync("/feed2.xml");

        Assert.Single(api.Messages(BotHarness.TeamChat), m => m.Text!.Contains("🔔")); // one card, plus notices under it
        var incident = Assert.Single(_bot.Database.AllIncidents());
        Assert.Equal(3, incident.Appearances.Select(a => a.SourceName).Distinct().Count());
        Assert.True(incident.Grade > Grade.General, incident.GradeReason);
        Assert.Contains("3", incident.GradeReason);
        Assert.Contains(incident.Audit, a => a.Action == "worsened");
        Assert.Equal(IncidentService.LeadershipLevel, incident.EscalationLevel);
        Assert.Contains("较大", api.Messages(BotHarness.TeamChat)[0].Text);
        Assert.Equal(published, incident.Published!.Value, TimeSpan.FromSeconds(1)); // the first publisher's time
    }

    private string Feed(string title, string path, DateTimeOffset published, string text) =>
        TestFeeds.Rss((title, _bot.Site.BaseUrl + path, published, text));
}
