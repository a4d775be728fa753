using System.Text;
using System.Text.Json;
using OpinionBot.Matching;
using OpinionBot.Sources;
using Telegram.Bot;
using Telegram.Bot.Requests;
using Telegram.Bot.Types;

namespace OpinionBot.Scheduling;

/// <summary>
/// Runs the check pipeline's CPU paths once on built-in samples before the first checks can fire: decoding, list and feed
/// parsing, matching and sentiment, and Telegram.Bot's JSON for a card and its answer. A freshly started worker compiles
/// each of them the first time it meets them, and its first round starts every source at once: the first pages queued
/// for turns held by that compiling, and the first card's JSON took a third of a second, so the 重大 cards found in the
/// first pages reached the chat 0.6 s after their pages were served, against about 0.1 s for the rest (bench/README.md).
/// Done here, the same compiling happens once, alone, before the round. Nothing is stored or sent; a failure is logged
/// and the worker starts all the same. Cost: about 0.4 s of start-up and 5 MB of idle memory (the JSON contracts of a
/// Telegram message, which the first card would build anyway).
/// </summary>
public sealed class FirstRoundWarmUp(SourceCatalog sources, TopicMatcher matcher, SentimentAnalyzer sentiment, TimeProvider time, ILogger<FirstRoundWarmUp> logger) : IHostedService
{
    private static readonly Uri Page = new("http://warm-up.invalid/forum.php");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Run();
        return Task.CompletedTask;
    }

    /// <summary>Runs the samples through; returns how many sample items were judged (0: no source configured).</summary>
    public int Run()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            // Only the parsers the configured sources use: a worker without feeds never loads the XML reader.
            var kinds = sources.All().Where(s => s.Enabled).Select(s => s.Kind).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (kinds.Count == 0)
            {
                return 0;
            }

            var now = time.GetUtcNow();
            var items = new List<SourceItem>();
            if (kinds.Contains(SourceKinds.Html) || kinds.Contains(SourceKinds.Search))
            {
                items.AddRange(HtmlExtractor.ExtractList(Decode(ListPage, DocumentKind.Html), Page, Selectors, TimeZoneInfo.Utc, now).Items);
            }

            if (kinds.Contains(SourceKinds.Feed))
            {
                items.AddRange(FeedExtractor.Extract(Decode(Feed, DocumentKind.Xml), Page, TimeZoneInfo.Utc, now).Items);
            }

            foreach (var item in items)
            {
                matcher.Match(item);
                sentiment.Analyze(item);
                StoryFingerprint.Of(item.Title, item.Text);
            }

            TelegramJsonOnce();
            logger.LogDebug("Check pipeline warmed up in {Ms:0} ms ({Items} sample items)", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, items.Count);
            return items.Count;
        }
        catch (Exception ex)
        {
            // Only the first round's speed depends on it: the worker starts all the same.
            logger.LogWarning(ex, "Warming up the check pipeline failed: {Error}", ex.Message);
            return 0;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Decode(string text, DocumentKind kind) => TextDecoder.Decode(Encoding.UTF8.GetBytes(text), "utf-8", kind).Text;

    /// <summary>A card's request written and its answer read, as Telegram.Bot does for every sendMessage.</summary>
    private static void TelegramJsonOnce()
    {
        var request = new SendMessageRequest
        {
            ChatId = -1,
            Text = "<b>预热</b>",
            ParseMode = Telegram.Bot.Types.Enums.ParseMode.Html,
            LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true },
            ReplyMarkup = new Telegram.Bot.Types.ReplyMarkups.InlineKeyboardMarkup(Telegram.Bot.Types.ReplyMarkups.InlineKeyboardButton.WithCallbackData("认领", "c:1")),
        };
        using var content = request.ToHttpContent();
        content?.ReadAsStringAsync().GetAwaiter().GetResult();
        JsonSerializer.Deserialize<ApiResponse<Message>>(SentAnswer, JsonBotAPI.Options);
    }

    private static readonly SourceSelectors Selectors = new()
    {
        Item = "tbody[id^=normalthread]",
        Title = "a.xst",
        Time = "td.by em",
        Author = "td.by cite",
        Replies = "td.num a",
        Views = "td.num em",
    };

    private const string ListPage = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>论坛</title></head><body>
        <div id="nv"><ul><li><a href="forum.php">首页</a></li><li><a href="forum.php?mod=guide">导读</a></li></ul></div>
        <table id="threadlisttableid"><tbody id="normalthread_1"><tr>
        <th><a href="forum.php?mod=viewthread&amp;tid=1" class="xst">小区停水三天无人处理，居民投诉</a></th>
        <td class="by"><cite><a href="space.php?uid=1">居民甲</a></cite><em><span>2026-11-30 08:15</span></em></td>
        <td class="num"><a href="#">12</a><em>345</em></td></tr></tbody>
        <tbody id="normalthread_2"><tr>
        <th><a href="forum.php?mod=viewthread&amp;tid=2" class="xst">学校食堂涨价引发家长不满</a></th>
        <td class="by"><cite><a href="space.php?uid=2">家长乙</a></cite><em><span>昨天 21:40</span></em></td>
        <td class="num"><a href="#">3</a><em>88</em></td></tr></tbody></table></body></html>
        """;

    private const string Feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>新闻</title><link>http://warm-up.invalid/</link>
        <item><title>道路施工扰民 市民反映噪音问题</title><link>http://warm-up.invalid/news/1</link>
        <description>夜间施工持续到凌晨。</description><pubDate>Mon, 30 Nov 2026 08:00:00 +0800</pubDate></item>
        </channel></rss>
        """;

    private const string SentAnswer = """
        {"ok":true,"result":{"message_id":1,"date":1790000000,"chat":{"id":-1,"type":"supergroup","title":"预热"},
        "from":{"id":1,"is_bot":true,"first_name":"bot"},"text":"预热",
        "entities":[{"type":"bold","offset":0,"length":2}],
        "reply_markup":{"inline_keyboard":[[{"text":"认领","callback_data":"c:1"}]]}}}
        """;
}
