using OpinionBot.Chat;
using OpinionBot.Incidents;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Chat;

/// <summary>
/// The sender paces each group under Telegram's limits, folds a storm of new incidents into a digest card, and still
/// puts a 重大 card (and negative ones) out first, on a fake clock against a fake Bot API that enforces 20 a minute
/// per group with 429s.
/// </summary>
public sealed class PacedDeliveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Plenty = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task StormOf200ToOneChat_GoesOutAsADigest_WithNo429_AndTheMajorCardFirst()
    {
        await using var bed = await DeliveryTestBed.StartAsync();
        bed.Api.EnforceRateLimits(groupPerMinute: 20, privatePerSecond: 1, overallPerSecond: 30);
        Incident major = null!;
        var majorQueued = DateTimeOffset.MinValue;
        var negatives = new List<Incident>();
        var all = new List<Incident>();
        var opening = System.Diagnostics.Stopwatch.StartNew();
        var draining = new System.Diagnostics.Stopwatch();
        for (var check = 0; check < 40; check++)
        {
            // A check's worth of items in one transaction, as intake writes them, then the sender runs.
            bed.Database.Write(_ =>
            {
                for (var i = check * 5 + 1; i <= check * 5 + 5; i++)
                {
                    var incident = i == 150 ? bed.Open(Grade.Major) : i % 50 == 0 ? bed.Open(negative: true) : bed.Open();
                    all.Add(incident);
                    if (i == 150)
                    {
                        (major, majorQueued) = (incident, bed.Time.GetUtcNow());
                    }
                    else if (incident.Negative)
                    {
                        negatives.Add(incident);
                    }
                }
            });

            draining.Start();
            await bed.DrainAsync();
            draining.Stop();
        }

        output.WriteLine($"200 opened and drained along in {opening.ElapsedMilliseconds} ms, {draining.ElapsedMilliseconds} ms of it draining");

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await bed.DrainAllAsync(Plenty);
        output.WriteLine($"final drain {stopwatch.ElapsedMilliseconds} ms");

        Assert.Equal(0, bed.Api.RateLimited);
        Assert.DoesNotContain(bed.Api.AllRequests, r => r.Status == 429);

        var digests = bed.Digests();
        Assert.InRange(digests.Count, 1, 3);
        var cards = bed.Api.Messages(DeliveryTestBed.TeamChat).Where(m => m.Text!.StartsWith("🔔", StringComparison.Ordinal)).ToList();
        Assert.InRange(cards.Count, 1 + negatives.Count, 10 + 1 + negatives.Count); // at most DigestAbove ordinary ones

        // Every incident reached the chat exactly once: its own card, or a line in a digest.
        var inDigests = bed.Database.Read(s => s.Digests.Kept()).SelectMany(d => d.IncidentIds).ToList();
        var carded = all.Where(i => bed.CardOf(i) is not null).Select(i => i.Id).ToList();
        Assert.Equal(all.Select(i => i.Id).Order(), carded.Concat(inDigests).Order());
        Assert.All(negatives.Append(major), i => Assert.NotNull(bed.CardOf(i)));
        Assert.DoesNotContain(major.Id, inDigests);

        var majorCard = bed.CardOf(major)!;
        var latency = majorCard.Date - majorQueued;
        output.WriteLine($"重大 card arrived {latency.TotalMilliseconds:0} ms (fake clock) after it was queued, behind {cards.Count(c => c.MessageId < majorCard.MessageId)} cards; {digests.Count} digests, {cards.Count} cards, {bed.Api.Requests("sendMessage").Count} sendMessage calls for 200 incidents");
        Assert.True(latency <= TimeSpan.FromSeconds(1), $"the 重大 card took {latency}");
        // Nothing went out between the 重大 card's queueing and its arrival, though ordinary ones queued before it waited.
        Assert.Equal(majorCard.MessageId, bed.Api.Messages(DeliveryTestBed.TeamChat).First(m => m.Date >= majorQueued).MessageId);
        var waitedBehind = all[148];
        Assert.Contains(waitedBehind.Id, bed.Database.Read(s => s.Digests.Kept())[^1].IncidentIds);
        Assert.True(majorCard.MessageId < digests[^1].MessageId, "the 重大 card must go before the digest of the ordinary ones queued before it");
        Assert.All(bed.Database.Read(s => s.Cards.InChat(DeliveryTestBed.TeamChat)), c => Assert.NotEqual(0, c.MessageId));

        // The digest counts by grade and topic and lists the top items with links and a button each.
        var first = digests[0];
        Assert.Contains("等级：一般", first.Text);
        Assert.Contains("专题：医院投诉", first.Text);
        Assert.Contains("<a href=\"http://127.0.0.1/news/", first.Text);
        Assert.Contains(first.Buttons, row => row.Any(b => b.Data.StartsWith("/dg:o:", StringComparison.Ordinal)));
        Assert.Contains(first.Buttons, row => row.Any(b => b.Data.StartsWith("/dg:p:", StringComparison.Ordinal)));
        Assert.All(first.Buttons.SelectMany(r => r), b => Assert.True(System.Text.Encoding.UTF8.GetByteCount(b.Data) <= 64));
    }

    [Fact]
    public async Task ABacklogOfMoreThanADigestHolds_GoesOutInFullDigests_OneAfterTheOther()
    {
        await using var bed = await DeliveryTestBed.StartAsync();
        var all = bed.Database.Write(_ => Enumerable.Range(0, Digests.MaxFolded + 50).Select(_ => bed.Open()).ToList());

        await bed.DrainAllAsync(Plenty);

        var digests = bed.Digests();
        Assert.Equal(2, digests.Count);
        Assert.Contains($"新增 {Digests.MaxFolded} 条", digests[0].Text);
        Assert.Contains("新增 50 条", digests[1].Text);
        Assert.True(digests[1].Date - digests[0].Date < TimeSpan.FromSeconds(10), "the rest of a gathered backlog does not wait a window");
        var inDigests = bed.Database.Read(s => s.Digests.Kept()).SelectMany(d => d.IncidentIds).Order().ToList();
        Assert.Equal(all.Select(i => i.Id).Order(), inDigests);
    }

    [Fact]
    public async Task MajorCard_GoesAtOnce_EvenWhenTheGroupsMinuteIsUsedUpByOrdinaryCards()
    {
        await using var bed = await DeliveryTestBed.StartAsync(new() { ["Delivery:DigestAbove"] = "1000" });
        bed.Api.EnforceRateLimits(groupPerMinute: 20);
        for (var i = 0; i < 30; i++)
        {
            bed.Open();
        }

        await bed.DrainAsync();
        Assert.Equal(16, bed.Api.Requests("sendMessage").Count); // 20 a minute, 4 kept for 重大

        var queued = bed.Time.GetUtcNow();
        var major = bed.Open(Grade.Major);
        await bed.DrainAsync();
        var card = bed.CardOf(major);
        Assert.NotNull(card);
        output.WriteLine($"重大 card after {(card.Date - queued).TotalMilliseconds:0} ms with the group's minute used up");
        Assert.Equal(queued, card.Date);

        await bed.DrainAllAsync(Plenty);
        Assert.Equal(0, bed.Api.RateLimited);
        Assert.Equal(32, bed.Api.Messages(DeliveryTestBed.TeamChat).Count); // 31 cards and the 重大 graded-response notice (no leadership chat set)
    }

    [Fact]
    public async Task MajorCards_GoToEveryChat_BeforeAnotherChatsBacklogOfOrdinaryCards()
    {
        const long leadership = -1002;
        await using var bed = await DeliveryTestBed.StartAsync(new() { ["Delivery:DigestAbove"] = "1000", ["Chats:Leadership"] = leadership.ToString() });
        var ordinary = Enumerable.Range(0, 5).Select(_ => bed.Open()).ToList();
        var major = bed.Open(Grade.Major);

        await bed.DrainAsync();

        // The team chat is read first and holds the backlog; the leadership chat's 重大 card does not wait behind it.
        var sent = bed.Api.Requests("sendMessage");
        var leadershipCard = sent.ToList().FindIndex(r => r.ChatId == leadership && r.Parameters.GetProperty("text").GetString()!.Contains(major.Number, StringComparison.Ordinal));
        var firstOrdinary = sent.ToList().FindIndex(r => r.ChatId == DeliveryTestBed.TeamChat &&
            ordinary.Any(o => r.Parameters.GetProperty("text").GetString()!.Contains(o.Number, StringComparison.Ordinal)));
        Assert.True(leadershipCard >= 0 && firstOrdinary >= 0, bed.Api.Describe());
        Assert.True(leadershipCard < firstOrdinary, $"leadership card #{leadershipCard}, first ordinary card #{firstOrdinary}\n{bed.Api.Describe()}");

        await bed.DrainAllAsync(Plenty);
        Assert.All(ordinary, o => Assert.NotNull(bed.CardOf(o)));
    }

    [Fact]
    public async Task AMajorCardQueuedWhileTheSenderIsMidDrain_GoesToEveryChat_BeforeTheRestOfABacklog()
    {
        const long leadership = -1002;
        await using var bed = await DeliveryTestBed.StartAsync(new() { ["Delivery:DigestAbove"] = "1000", ["Chats:Leadership"] = leadership.ToString() });
        var ordinary = Enumerable.Range(0, 5).Select(_ => bed.Open()).ToList();
        bed.Api.ReplyDelay = TimeSpan.FromMilliseconds(300);

        var draining = bed.Sender.DrainOnceAsync(CancellationToken.None); // sends the team chat's backlog, 300 ms a card
        await bed.Api.WaitUntilAsync(() => bed.Api.Requests("sendMessage").Count >= 1, TimeSpan.FromSeconds(10));
        var major = bed.Open(Grade.Major); // committed while the first card is on its way
        await draining;
        bed.Api.ReplyDelay = TimeSpan.Zero;
        await bed.DrainAsync();

        var sent = bed.Api.Requests("sendMessage").ToList();
        int IndexOf(long chat, string number) => sent.FindIndex(r => r.ChatId == chat && r.Parameters.GetProperty("text").GetString()!.Contains(number, StringComparison.Ordinal));
        var leadershipCard = IndexOf(leadership, major.Number);
        var lastOrdinary = ordinary.Max(o => IndexOf(DeliveryTestBed.TeamChat, o.Number));
        Assert.True(leadershipCard >= 0, bed.Api.Describe());
        Assert.True(leadershipCard < lastOrdinary, $"leadership card #{leadershipCard}, last ordinary card #{lastOrdinary}\n{bed.Api.Describe()}");
    }

    [Fact]
    public async Task SenderThatBelievesInMoreThanTelegramAllows_Gets429s_SoTheFakeReallyEnforces()
    {
        await using var bed = await DeliveryTestBed.StartAsync(new()
        {
            ["Delivery:DigestAbove"] = "1000",
            ["Delivery:GroupMessagesPerMinute"] = "60",
        });
        bed.Api.EnforceRateLimits(groupPerMinute: 20);
        for (var i = 0; i < 40; i++)
        {
            bed.Open();
        }

        await bed.DrainAllAsync(Plenty);
        Assert.True(bed.Api.RateLimited > 0);
        Assert.Equal(40, bed.Api.Messages(DeliveryTestBed.TeamChat).Count); // and it still got everything through
    }

    [Fact]
    public async Task NewCard_IsNotDelayedBehindAQueueOfEdits()
    {
        await using var bed = await DeliveryTestBed.StartAsync(new() { ["Delivery:DigestAbove"] = "1000" });
        bed.Api.EnforceRateLimits(groupPerMinute: 20);
        var existing = Enumerable.Range(0, 12).Select(_ => bed.Open()).ToList();
        await bed.DrainAllAsync(Plenty);
        bed.Time.Advance(TimeSpan.FromMinutes(2));

        var service = bed.Get<IncidentService>();
        foreach (var incident in existing)
        {
            Assert.Equal(ActionOutcome.Done, service.Apply(incident.Id, IncidentAction.Claim, new Actor(DeliveryTestBed.Officer, "张三", Role.Officer)).Outcome);
        }

        var calls = bed.Api.AllRequests.Count;
        var fresh = bed.Open();
        await bed.DrainAllAsync(Plenty);

        var after = bed.Api.AllRequests.Skip(calls).Where(r => r.Method is "sendMessage" or "editMessageText").ToList();
        Assert.Equal("sendMessage", after[0].Method);
        Assert.Contains(fresh.Number, after[0].Parameter("text"));
        Assert.Equal(12, after.Count(r => r.Method == "editMessageText"));
        Assert.Equal(0, bed.Api.RateLimited);
    }

    [Fact]
    public async Task BacklogAfterAnOutage_IsADigestToo_NotAnHourOfCards()
    {
        await using var bed = await DeliveryTestBed.StartAsync();
        bed.Api.EnforceRateLimits(groupPerMinute: 20);
        for (var i = 0; i < 3; i++)
        {
            bed.Database.Write(_ => Enumerable.Range(0, 10).Select(_ => bed.Open()).ToList());
            bed.Time.Advance(TimeSpan.FromMinutes(5)); // Telegram unreachable: nothing goes out meanwhile
        }

        await bed.DrainAllAsync(Plenty);

        Assert.Single(bed.Digests());
        Assert.DoesNotContain(bed.Api.Messages(DeliveryTestBed.TeamChat), m => m.Text!.StartsWith("🔔", StringComparison.Ordinal));
        Assert.Equal(30, bed.Database.Read(s => s.Digests.Kept()).Single().IncidentIds.Count);
    }

    [Fact]
    public void DeliverySettings_OutOfRange_AreRefused()
    {
        var validation = new DeliveryOptionsValidation();
        Assert.True(validation.Validate(null, new DeliveryOptions()).Succeeded);
        Assert.True(validation.Validate(null, new DeliveryOptions { GroupMessagesPerMinute = 0 }).Failed);
        Assert.True(validation.Validate(null, new DeliveryOptions { MajorReserve = 20 }).Failed);
        Assert.True(validation.Validate(null, new DeliveryOptions { DigestAbove = 0 }).Failed);
        Assert.True(validation.Validate(null, new DeliveryOptions { DigestWindow = TimeSpan.Zero }).Failed);
        Assert.True(validation.Validate(null, new DeliveryOptions { DigestGather = TimeSpan.FromMinutes(2) }).Failed);
        Assert.Contains("Delivery:LagAlertAfter", validation.Validate(null, new DeliveryOptions { LagAlertAfter = TimeSpan.Zero }).FailureMessage);
    }

    [Fact]
    public async Task OneOverTheThreshold_ComesAsItsOwnCard_NeverAsADigestOfOne()
    {
        await using var bed = await DeliveryTestBed.StartAsync();
        for (var i = 0; i < 11; i++)
        {
            bed.Open();
            await bed.DrainAsync();
        }

        await bed.DrainAllAsync(Plenty);
        Assert.Empty(bed.Digests());
        Assert.Equal(11, bed.Api.Messages(DeliveryTestBed.TeamChat).Count(m => m.Text!.StartsWith("🔔", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AMessageChangedInStorageAfterTheSenderListedIt_GoesAsStored_AndOneSettledMeanwhileNotAtAll()
    {
        await using var bed = await DeliveryTestBed.StartAsync();
        var outbox = bed.Get<Outbox>();
        bed.Api.FailNext(1, 500, method: "sendMessage");
        bed.Database.Write(_ =>
        {
            outbox.Send(DeliveryTestBed.TeamChat, "甲（排队时）");
            outbox.Send(DeliveryTestBed.TeamChat, "乙");
        });
        await bed.DrainAsync(); // both listed; the first call fails, so the chat waits its back-off

        // The sender holds neither text: what it sends is what is stored when it sends it.
        bed.Database.Write(s =>
        {
            var (first, second) = (s.Outbox.Waiting()[0], s.Outbox.Waiting()[1]);
            first.Text = "甲（已改）";
            s.Outbox.Save(first);
            (second.DeliveredAt, second.Failed, second.LastError) = (bed.Time.GetUtcNow(), true, "given up elsewhere");
            s.Outbox.Save(second);
        });
        await bed.DrainAllAsync(Plenty);

        Assert.Equal(["甲（已改）"], bed.Api.Messages(DeliveryTestBed.TeamChat).Select(m => m.Text));
        Assert.Equal(2, bed.Api.Requests("sendMessage").Count);
    }
}
