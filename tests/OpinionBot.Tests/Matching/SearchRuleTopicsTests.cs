using System.Web;
using OpinionBot.Matching;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Matching;

/// <summary>
/// A search source searches every topic: keywords, the positive words of rules (never the excluded ones), or a topic's
/// own SearchTerms; with nothing to search, /status says so rather than showing the source healthy.
/// </summary>
public sealed class SearchRuleTopicsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("(医院|卫生院)+(投诉|曝光|维权)-招聘", "医院,卫生院,投诉,曝光,维权")]
    [InlineData("title:\"校园欺凌\" NEAR/5 (初中|小学) AND NOT (演练 OR 讲座)", "校园欺凌,初中,小学")]
    [InlineData("complain* -(spam -urgent)", "complain,urgent")]
    public void Of_Rule_GivesItsPositiveTermsOnly(string rule, string expected)
    {
        var terms = TopicSearchTerms.Of(new TopicDefinition { Name = "t", Rule = rule });

        Assert.Equal(expected.Split(','), terms);
    }

    [Fact]
    public void Of_ExplicitSearchTerms_ReplaceKeywordsAndRule()
    {
        var topic = new TopicDefinition { Name = "t", Keywords = ["医院"], Rule = "卫生院+投诉", SearchTerms = ["城南 卫生院"] };

        Assert.Equal(["城南 卫生院"], TopicSearchTerms.Of(topic));
    }

    [Fact]
    public async Task RuleOnlyTopic_DrivesSearchRequestsWithItsTerms_AndItsFindsBecomeCards()
    {
        await using var bot = await BotHarness.CreateAsync();
        bot.Site.Set("/feed.xml", TestFeeds.Rss());
        bot.Site.Map("/search", Search);
        AddSearchSource(bot);
        bot.Settings["Topics:1:Name"] = "校园食品";
        bot.Settings["Topics:1:Rule"] = "(学校|幼儿园)+(食堂|饭菜)-招聘";
        bot.Settings["Topics:2:Name"] = "城南供水";
        bot.Settings["Topics:2:Rule"] = "城南+(停水|水质)";
        bot.Settings["Topics:2:SearchTerms:0"] = "城南 停水";
        await bot.StartAsync();

        await bot.Api.WaitUntilAsync(() => Searched(bot).Contains("城南 停水") && Searched(bot).Contains("饭菜"), Patience);
        var searched = Searched(bot);
        Assert.Superset(new HashSet<string> { "医院", "投诉", "学校", "幼儿园", "食堂", "饭菜", "城南 停水" }, searched);
        Assert.DoesNotContain("招聘", searched);
        Assert.DoesNotContain("城南", searched); // the topic's own SearchTerms replace its rule words
        Assert.DoesNotContain("水质", searched);

        // An item found by searching a rule word is judged by the rule and becomes a card.
        await bot.Api.WaitForMessageAsync(BotHarness.TeamChat, m => m.Text?.Contains("城南学校食堂饭菜发霉") == true, Patience);
    }

    [Fact]
    public async Task SearchSourceWithNothingToSearch_StatusWarns()
    {
        await using var bot = await BotHarness.CreateAsync();
        bot.Site.Set("/feed.xml", TestFeeds.Rss());
        bot.Site.Map("/search", Search);
        AddSearchSource(bot);
        await bot.StartAsync();
        var before = await AskAsync(bot, "/status");
        Assert.DoesNotContain("没有可搜索的词", before);

        await AskAsync(bot, "/topics remove 医院投诉");
        var after = await AskAsync(bot, "/status");

        Assert.Contains("搜索来源“论坛搜索”没有可搜索的词", after);
    }

    private static void AddSearchSource(BotHarness bot)
    {
        bot.Settings["Sources:1:Name"] = "论坛搜索";
        bot.Settings["Sources:1:Kind"] = "search";
        bot.Settings["Sources:1:Url"] = bot.Site.Url("/search") + "?q={keyword}";
        bot.Settings["Sources:1:Schedule"] = "every 1s";
        bot.Settings["Sources:1:Selectors:Item"] = ".results li";
        bot.Settings["Sources:1:Selectors:Title"] = "a";
        bot.Settings["Sources:1:Selectors:Link"] = "a";
        bot.Settings["Sources:1:Selectors:Time"] = ".time";
    }

    private static async Task<string> AskAsync(BotHarness bot, string command)
    {
        bot.Api.InjectMessage(BotHarness.TeamChat, BotHarness.Supervisor, command);
        var id = bot.Api.ChatHistory(BotHarness.TeamChat).Last(m => m.FromUserId == BotHarness.Supervisor && m.Text == command).MessageId;
        var reply = await bot.Api.WaitForMessageAsync(BotHarness.TeamChat, m => m.ReplyToMessageId == id, Patience);
        return reply.Text ?? "";
    }

    private static HashSet<string> Searched(BotHarness bot) =>
        [.. bot.Site.Hits.Where(h => h.PathAndQuery.StartsWith("/search?q=", StringComparison.Ordinal))
            .Select(h => HttpUtility.UrlDecode(h.PathAndQuery["/search?q=".Length..]))];

    /// <summary>A forum search: the word 食堂 finds a post about a school canteen; every word finds a post about itself.</summary>
    private static async Task Search(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var word = context.Request.Query["q"].ToString();
        var title = word == "食堂" ? "城南学校食堂饭菜发霉" : $"关于{word}的帖子";
        // Posted an hour ago in Shanghai: inside the first check's lookback whatever day the test runs.
        var posted = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddHours(-1).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var html = $"""
            <html><head><meta charset="utf-8"></head><body><ul class="results">
            <li><a href="/t/{Uri.EscapeDataString(word)}">{HttpUtility.HtmlEncode(title)}</a><span class="time">{posted}</span></li>
            </ul></body></html>
            """;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(html));
    }
}
