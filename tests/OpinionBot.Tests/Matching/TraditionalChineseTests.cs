using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Matching;

/// <summary>A post in Traditional Chinese is judged like its Simplified twin, and the card shows it as written.</summary>
public sealed class TraditionalChineseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TraditionalItem_MatchesSimplifiedTopic_CardShowsOriginal_SimplifiedRepostJoinsIt()
    {
        await using var bot = await BotHarness.CreateAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        const string traditional = "縣醫院被投訴亂收費 患者住院三天被收檢查費八千元";
        bot.Site.Set("/feed.xml", TestFeeds.Rss((traditional, bot.Site.BaseUrl + "/news/1", at, traditional)));
        await bot.StartAsync(); // topic 医院投诉: keywords 医院, 投诉 (Simplified)

        await bot.Api.WaitUntilAsync(() => bot.Api.Messages(BotHarness.TeamChat).Count == 1, Patience);
        var card = bot.Api.Messages(BotHarness.TeamChat)[0];
        Assert.Contains("縣醫院被投訴亂收費", card.Text);
        Assert.Contains("负面", card.Text);

        const string simplified = "县医院被投诉乱收费 患者住院三天被收检查费八千元";
        bot.Site.Set("/feed.xml", TestFeeds.Rss(
            (traditional, bot.Site.BaseUrl + "/news/1", at, traditional),
            (simplified, bot.Site.BaseUrl + "/news/2", at.AddMinutes(1), simplified)));
        await bot.Api.WaitUntilAsync(
            () => bot.Database.AllIncidents().Sum(i => i.Appearances.Count) == 2, Patience);

        var incident = Assert.Single(bot.Database.AllIncidents());
        Assert.Equal(2, incident.Appearances.Count);
        Assert.Single(bot.Api.Messages(BotHarness.TeamChat));
    }
}
