using System.Diagnostics;
using System.Text;
using OpinionBot.Incidents;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Chat;

/// <summary>
/// A storm through the real host: one feed check brings 200 matching items (one of them 重大) for the team chat, and a
/// fake Bot API that answers 429 beyond 20 messages a minute per group gets a digest instead of 200 cards.
/// </summary>
public sealed class StormEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task FeedStormOf200_GivesDigestsAndNo429_AndTheMajorItemItsOwnCard()
    {
        _bot.Settings["Topics:1:Name"] = "安全事故";
        _bot.Settings["Topics:1:Keywords:0"] = "爆炸";
        _bot.Settings["Topics:1:Grade"] = "Major";
        // Telegram's limits and the default digest threshold (the harness lifts them for other tests); short windows keep
        // the test quick, the rule is the same as with the one-minute default.
        _bot.Settings["Delivery:GroupMessagesPerMinute"] = "20";
        _bot.Settings["Delivery:PrivateMessagesPerSecond"] = "1";
        _bot.Settings["Delivery:MessagesPerSecond"] = "30";
        _bot.Settings["Delivery:DigestAbove"] = "10";
        _bot.Settings["Delivery:DigestWindow"] = "00:00:05";
        _bot.Settings["Delivery:DigestGather"] = "00:00:01";
        _bot.Api.EnforceRateLimits(groupPerMinute: 20, privatePerSecond: 1, overallPerSecond: 30);
        var random = new Random(12);
        string Noise() => new(Enumerable.Range(0, 14).Select(_ => (char)random.Next(0x4E00, 0x9FA5)).ToArray());
        var published = DateTimeOffset.UtcNow.AddMinutes(-5);
        var items = Enumerable.Range(0, 200)
            .Select(i => (Title: i == 120 ? $"{Noise()}化工厂爆炸医院{Noise()}" : $"{Noise()}医院{Noise()}", Link: $"{_bot.Site.BaseUrl}/news/{i}"))
            .ToList();
        _bot.Site.Set("/feed.xml", TestFeeds.Rss(items.Select(i => (i.Title, i.Link, published, i.Title)).ToArray()));

        var clock = Stopwatch.StartNew();
        await _bot.StartAsync();
        var db = _bot.Database;
        await _bot.Api.WaitUntilAsync(
            () => db.Read(s => s.Incidents.Count() == 200 && s.Outbox.WaitingCount() == 0),
            Patience);
        var elapsed = clock.Elapsed;

        Assert.Equal(0, _bot.Api.RateLimited);
        var messages = _bot.Api.Messages(BotHarness.TeamChat);
        var cards = messages.Where(m => m.Text!.StartsWith("🔔", StringComparison.Ordinal)).ToList();
        var digests = messages.Where(m => m.Text!.Contains("舆情汇总", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(digests);
        var incidents = db.AllIncidents();
        var inDigests = db.Read(s => s.Digests.Kept().SelectMany(d => d.IncidentIds).ToList());
        Assert.Equal(200, cards.Count + inDigests.Count);

        var major = Assert.Single(incidents, i => i.Grade == Grade.Major);
        var majorCard = Assert.Single(cards, c => c.Text!.Contains(major.Number, StringComparison.Ordinal));
        Assert.DoesNotContain(major.Id, inDigests);
        // From the moment its card was queued (intake's commit) to the moment the chat had it.
        var queued = db.Read(s => s.Outbox.QueuedAfter(0).First(m => m.IncidentId == major.Id && m.Opening != null).CreatedAt);
        var latency = majorCard.Date - queued;
        output.WriteLine(new StringBuilder()
            .Append($"200 items → {cards.Count} cards + {digests.Count} digests ({inDigests.Count} incidents) in {elapsed.TotalSeconds:0.0} s; ")
            .Append($"{_bot.Api.Requests("sendMessage").Count} sendMessage, 0 × 429; ")
            .Append($"重大 card {latency.TotalMilliseconds:0} ms after it was queued")
            .ToString());
        Assert.True(latency < TimeSpan.FromSeconds(5), $"the 重大 card took {latency}");
    }
}
