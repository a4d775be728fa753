using OpinionBot.Chat;
using OpinionBot.Incidents;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Chat;

/// <summary>
/// Deadline reminders a chat cannot take one by one (after an outage, or many deadlines falling together) go out as one
/// summary, so they neither flood the chat for hours nor hold up new incidents; a few still go one by one. Real deadline
/// watch, real sender and Telegram client, on a fake clock against a fake Bot API enforcing 20 a minute per group.
/// </summary>
public sealed class ReminderDigestTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Plenty = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task ThirtyIncidentsOverdueAtOnce_GoOutAsOneSummary_AndANewIncidentIsNotHeldUp()
    {
        await using var bed = await DeliveryTestBed.StartAsync(new() { ["Delivery:DigestAbove"] = "1000" });
        bed.Api.EnforceRateLimits(groupPerMinute: 20);
        var incidents = Enumerable.Range(0, 30).Select(i => bed.Open(i == 7 ? Grade.Larger : Grade.General)).ToList();
        await bed.DrainAllAsync(Plenty);
        var cardsSent = bed.Api.Requests("sendMessage").Count;

        bed.Time.Advance(TimeSpan.FromHours(5)); // every report deadline (4 h, 3 h for 较大) missed while the bot was down
        var steps = bed.Get<DeadlineWatch>().Tick();
        Assert.True(steps >= 30, $"{steps} deadline steps");
        var fresh = bed.Open();
        var queued = bed.Time.GetUtcNow();
        await bed.DrainAllAsync(Plenty);

        var sent = bed.Api.Requests("sendMessage").Skip(cardsSent).Select(r => r.Parameters.GetProperty("text").GetString()!).ToList();
        output.WriteLine(string.Join("\n---\n", sent));
        var summary = Assert.Single(sent, t => t.Contains("提醒汇总", StringComparison.Ordinal));
        Assert.Contains("30 起事件待处理", summary);
        Assert.Contains(incidents[7].Number, summary);
        Assert.True(summary.IndexOf(incidents[7].Number, StringComparison.Ordinal) < summary.IndexOf(incidents[0].Number, StringComparison.Ordinal),
            "the 较大 incident is listed before the 一般 ones");
        Assert.Contains("逾期 1 小时", summary);
        Assert.Contains("另有 10 起", summary);
        Assert.DoesNotContain(sent, t => t.Contains("已逾期", StringComparison.Ordinal) && !t.Contains("提醒汇总", StringComparison.Ordinal));
        Assert.True(sent.Count <= 3, $"{sent.Count} messages after the deadline pass:\n{string.Join("\n", sent)}");

        var card = bed.CardOf(fresh);
        Assert.NotNull(card);
        Assert.True(card.Date - queued <= TimeSpan.FromSeconds(10), $"the new card waited {card.Date - queued}");
        Assert.Equal(0, bed.Api.RateLimited);

        var folded = bed.Database.Read(s => s.Outbox.DeliveredAfter(DateTimeOffset.MinValue)).Where(m => m.Reminder is not null).ToList();
        Assert.True(folded.Count >= 30, $"{folded.Count} reminders stored");
        Assert.All(folded, m => Assert.Equal("in reminder summary", m.LastError));
    }

    [Fact]
    public async Task AFewReminders_StillGoOneByOne()
    {
        await using var bed = await DeliveryTestBed.StartAsync();
        var incidents = Enumerable.Range(0, 3).Select(_ => bed.Open()).ToList();
        await bed.DrainAllAsync(Plenty);
        var cardsSent = bed.Api.Requests("sendMessage").Count;

        bed.Time.Advance(TimeSpan.FromHours(2.5)); // past half of the 4 h report deadline
        bed.Get<DeadlineWatch>().Tick();
        await bed.DrainAllAsync(Plenty);

        var sent = bed.Api.Requests("sendMessage").Skip(cardsSent).Select(r => r.Parameters.GetProperty("text").GetString()!).ToList();
        Assert.DoesNotContain(sent, t => t.Contains("提醒汇总", StringComparison.Ordinal));
        Assert.All(incidents, i => Assert.Single(sent, t => t.Contains(i.Number, StringComparison.Ordinal) && t.Contains("时限已过半", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ThirtyIncidentsEscalatedForAMissedDeadline_ReachTheLeadershipChatAsADigest_NotThirtyCards()
    {
        const long leadership = -1002;
        await using var bed = await DeliveryTestBed.StartAsync(new() { ["Delivery:DigestAbove"] = "1000", ["Chats:Leadership"] = leadership.ToString() });
        var incidents = Enumerable.Range(0, 30).Select(_ => bed.Open()).ToList();
        await bed.DrainAllAsync(Plenty);
        bed.Get<Microsoft.Extensions.Configuration.IConfiguration>()["Delivery:DigestAbove"] = "10";
        ((Microsoft.Extensions.Configuration.IConfigurationRoot)bed.Get<Microsoft.Extensions.Configuration.IConfiguration>()).Reload();

        bed.Time.Advance(TimeSpan.FromHours(5));
        bed.Get<DeadlineWatch>().Tick();
        await bed.DrainAllAsync(Plenty);

        var up = bed.Api.Messages(leadership);
        output.WriteLine(string.Join("\n---\n", up.Select(m => m.Text)));
        Assert.Contains(up, m => m.Text!.Contains("舆情汇总", StringComparison.Ordinal));
        Assert.True(up.Count <= 4, $"{up.Count} messages in the leadership chat");
        var inDigests = bed.Database.Read(s => s.Digests.Kept()).Where(d => d.ChatId == leadership).SelectMany(d => d.IncidentIds).ToHashSet();
        Assert.All(incidents, i => Assert.True(inDigests.Contains(i.Id) || up.Any(m => m.Text!.Contains(i.Number, StringComparison.Ordinal)), $"{i.Number} never reached the leadership chat"));
    }
}
