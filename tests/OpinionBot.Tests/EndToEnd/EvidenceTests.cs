using System.Security.Cryptography;
using System.Text;
using OpinionBot.Reports;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.EndToEnd;

/// <summary>证据备份 in the running bot: a feed item becomes an incident, and its page is saved as numbered evidence.</summary>
public sealed class EvidenceTests : IAsyncLifetime
{
    private const string Article = "<html><body><div id=\"content\"><p>县医院被患者投诉乱收费，一次普通门诊被收取了高额检查费，院方至今没有答复。</p></div></body></html>";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task FeedItemsBecomeIncidents_PagesAreSavedWithTheirHash_AndAMissingPageKeepsWhatTheFeedSaid()
    {
        _bot.Settings["Reports:EvidenceCategories:医院投诉"] = "YL";
        _bot.Site.Set("/news/1", Article, "text/html; charset=utf-8");
        var published = DateTimeOffset.UtcNow.AddMinutes(-5);
        _bot.Site.Set("/feed.xml", TestFeeds.Rss(
            ("县医院被患者投诉乱收费", _bot.Site.Url("/news/1"), published, "县医院被患者投诉乱收费。"),
            ("卫生院投诉无人处理", _bot.Site.Url("/news/2"), published.AddMinutes(1), "卫生院投诉无人处理，详情见原文。")));
        await _bot.StartAsync();

        await _bot.Api.WaitUntilAsync(() => _bot.Database.Read(s => s.Evidence.Count()) == 2, Patience);
        var store = new EvidenceStore(_bot.Database, Microsoft.Extensions.Options.Options.Create(new ReportsOptions()), TimeProvider.System);
        var first = _bot.Database.AllIncidents().Single(i => i.Url == _bot.Site.Url("/news/1"));
        var second = _bot.Database.AllIncidents().Single(i => i.Url == _bot.Site.Url("/news/2"));

        var page = Assert.Single(store.List(first.Number));
        Assert.Equal($"YL-{first.Number}-01", page.Id);
        Assert.Equal(200, page.HttpStatus);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Article))), page.Sha256);
        Assert.Contains("一次普通门诊被收取了高额检查费", store.ReadText(page));
        Assert.True(store.Verify(page).Intact);

        var missing = Assert.Single(store.List(second.Number));
        Assert.Equal($"YL-{second.Number}-01", missing.Id);
        Assert.Equal(0, missing.HttpStatus);
        Assert.Contains("404", missing.Error);
        Assert.Contains("卫生院投诉无人处理，详情见原文。", store.ReadText(missing));

        // The cards went out as usual, and later polls save nothing more.
        await _bot.Api.WaitUntilAsync(() => _bot.Api.Messages(BotHarness.TeamChat).Count == 2, Patience);
        await _bot.ChecksPassedAsync();
        Assert.Equal(2, _bot.Database.Read(s => s.Evidence.Count()));
        Assert.Equal(1, _bot.Site.RequestCount("/news/1"));
    }
}
