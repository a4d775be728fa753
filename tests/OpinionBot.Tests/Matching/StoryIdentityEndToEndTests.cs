using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Matching;

/// <summary>
/// Story identity on the running bot: complaints that share a forum's boilerplate but name different places or events
/// stay separate incidents; a repost from the same source is merged visibly (card and audit trail).
/// </summary>
public sealed class StoryIdentityEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // The boilerplate a forum puts under every complaint: most of each item's text.
    private const string Boilerplate =
        "群众反映：问题已存在很长时间，多次向有关部门投诉均无回音，影响群众正常生活，希望有关部门尽快解决。" +
        "本帖由网友投稿，内容仅代表网友个人观点，本站不对其真实性负责，如有侵权请联系管理员删除。";

    private const string Footer =
        "——来自河东论坛手机版。免责声明：本帖内容仅代表网友个人观点，请理性发言，文明上网，投诉建议请联系版主。";

    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task TwentyFiveComplaintsAboutTwentyFivePlaces_SharingBoilerplate_AreTwentyFiveIncidents()
    {
        string[] towns = ["石桥镇", "城关镇", "青山镇", "李家庄乡", "柳河镇"];
        string[] villages = ["红旗村", "光明村", "新华村", "杨柳村", "桃园村"];
        string[] problems = ["垃圾无人清运", "道路破损", "路灯不亮", "污水横流", "停水多日"];
        var published = DateTimeOffset.UtcNow.AddMinutes(-30);
        var items = new List<(string, string, DateTimeOffset, string)>();
        for (var i = 0; i < 25; i++)
        {
            // Five towns by five villages: every complaint names its own place; five share each problem.
            var place = towns[i / 5] + villages[i % 5];
            items.Add(($"关于{place}{problems[(i + (i / 5)) % 5]}的投诉", _bot.Site.BaseUrl + $"/complaint/{i}", published.AddSeconds(i), Boilerplate));
        }

        _bot.Site.Set("/feed.xml", TestFeeds.Rss([.. items]));
        await _bot.StartAsync();

        await _bot.Api.WaitUntilAsync(() => _bot.Database.Read(s => s.SeenItems.Count()) == 25, Patience);
        var incidents = _bot.Database.AllIncidents();
        Assert.Equal(25, incidents.Count);
        Assert.All(incidents, i => Assert.Single(i.Appearances));
    }

    [Fact]
    public async Task EightDistinctForumPosts_SharingTheForumFooter_AreEightIncidents()
    {
        string[] titles =
        [
            "小区楼下烧烤店油烟太大 投诉半年没人管",
            "县医院门口停车场乱收费 一小时二十元",
            "孩子学校午餐分量太少 家长投诉无门",
            "网吧接待未成年人通宵上网 多次投诉",
            "广场舞音响太吵 晚上十点还在跳",
            "医院挂号系统天天崩溃 老人排队挂不上号",
            "快递点乱丢包裹 丢件投诉没人理",
            "菜市场缺斤短两 投诉电话打不通",
        ];
        string[] bodies =
        [
            "楼下新开的烧烤店每天晚上油烟直往楼上飘，窗户都不敢开。",
            "县医院门口停车场一小时收二十元，也没有收费公示。",
            "孩子说学校午餐每人只有两勺菜，根本吃不饱。",
            "网吧晚上接待未成年人通宵上网，也不查身份证。",
            "广场舞的音响开得特别大，晚上十点还在跳，孩子没法睡觉。",
            "医院的挂号系统天天崩溃，老人排了一上午也挂不上号。",
            "快递点把包裹堆在门口随便拿，丢了件也没人管。",
            "菜市场有摊贩用改装的秤缺斤短两，一斤肉少了二两。",
        ];
        var published = DateTimeOffset.UtcNow.AddMinutes(-30);
        _bot.Site.Set("/feed.xml", TestFeeds.Rss([.. titles.Select((t, i) => (t, _bot.Site.BaseUrl + $"/thread/{i}", published.AddSeconds(i), bodies[i] + Footer))]));
        await _bot.StartAsync();

        await _bot.Api.WaitUntilAsync(() => _bot.Database.Read(s => s.SeenItems.Count()) == 8, Patience);
        Assert.Equal(8, _bot.Database.Read(s => s.Incidents.Count()));
    }

    [Fact]
    public async Task RepostFromTheSameSource_IsMergedVisibly_CardShowsTwoAppearancesAndAuditHasTheLink()
    {
        var api = _bot.Api;
        var published = DateTimeOffset.UtcNow.AddMinutes(-20);
        var first = ("县人民医院急诊拒收病人 家属投诉无门", _bot.Site.BaseUrl + "/t/1", published,
            "昨晚县人民医院急诊科以床位已满为由拒收一名急诊病人，家属多次投诉无人回应，患者被迫转院。");
        _bot.Site.Set("/feed.xml", TestFeeds.Rss(first));
        await _bot.StartAsync();
        await api.WaitUntilAsync(() => api.Messages(BotHarness.TeamChat).Count(m => m.Text!.Contains("🔔")) == 1, Patience);
        Assert.DoesNotContain("共", api.Messages(BotHarness.TeamChat)[0].Text);

        var repostUrl = _bot.Site.BaseUrl + "/t/2";
        _bot.Site.Set("/feed.xml", TestFeeds.Rss(first, ("转：县人民医院急诊拒收病人，家属投诉无门", repostUrl, published.AddMinutes(5),
            "网友转帖：昨晚县人民医院急诊科以床位已满为由拒收一名急诊病人，家属投诉无人理睬，患者只好转院。")));

        await api.WaitUntilAsync(() => api.Messages(BotHarness.TeamChat)[0].Text!.Contains("共 2 篇"), Patience);
        var card = api.Messages(BotHarness.TeamChat)[0].Text!;
        Assert.Contains("县新闻（首发）· 共 2 篇", card);
        Assert.Single(api.Messages(BotHarness.TeamChat), m => m.Text!.Contains("🔔"));

        var incident = Assert.Single(_bot.Database.AllIncidents());
        var merge = Assert.Single(incident.Audit, a => a.Action == "appeared");
        Assert.Equal(repostUrl, merge.Link);
        Assert.Contains("转：县人民医院急诊拒收病人", merge.Comment);
        Assert.Contains(repostUrl, merge.Comment);
    }

    [Fact]
    public async Task AfterARestart_TheRebuiltIndexStillKnowsTheStory_AndStillKeepsAnotherPlaceApart()
    {
        var api = _bot.Api;
        var published = DateTimeOffset.UtcNow.AddMinutes(-20);
        var first = ("石桥镇红旗村小卖部卖三无辣条 多名孩子吃后腹泻", _bot.Site.BaseUrl + "/r/1", published,
            "石桥镇红旗村村口小卖部卖的辣条没有生产日期和厂家，村里好几个孩子吃了都拉肚子，家长投诉无门。");
        _bot.Site.Set("/feed.xml", TestFeeds.Rss(first));
        await _bot.StartAsync();
        await api.WaitUntilAsync(() => api.Messages(BotHarness.TeamChat).Count(m => m.Text!.Contains("🔔")) == 1, Patience);
        await _bot.StopAsync();

        _bot.Site.Set("/feed.xml", TestFeeds.Rss(
            first,
            ("红旗村三无辣条致孩子拉肚子 家长投诉", _bot.Site.BaseUrl + "/r/2", published.AddMinutes(5),
                "网友反映，石桥镇红旗村小卖部售卖无生产日期的辣条，多个孩子吃后拉肚子，家长投诉无门。"),
            ("光明村小卖部卖三无辣条 多名孩子吃后腹泻", _bot.Site.BaseUrl + "/r/3", published.AddMinutes(6),
                "城关镇光明村村口小卖部卖的辣条没有生产日期和厂家，村里好几个孩子吃了都拉肚子，家长投诉无门。")));
        await _bot.StartAsync();

        await api.WaitUntilAsync(() => _bot.Database.Read(s => s.SeenItems.Count()) == 3, Patience);
        var incidents = _bot.Database.AllIncidents();
        Assert.Equal(2, incidents.Count);
        Assert.Equal(2, incidents[0].Appearances.Count);
        Assert.StartsWith("光明村", incidents[1].Title);
        await api.WaitUntilAsync(() => api.Messages(BotHarness.TeamChat).Any(m => m.Text!.Contains("红旗村") && m.Text.Contains("共 2 篇")), Patience);
    }
}
