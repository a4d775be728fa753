using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Tests.Support;
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
    public async Task ThirtyStoriesSpreadingAtOnce_GoOutAsOneSummary_AndAWorseningTo重大GoesAlone()
    {
        // A breaking story: the same incidents turn up on a second source within seconds. One notice each took the
        // chat's whole minute for minutes, and held up the digests behind them; now they fold, and 重大 still rings alone.
        await using var bed = await DeliveryTestBed.StartAsync(new() { ["Delivery:DigestAbove"] = "1000" });
        bed.Api.EnforceRateLimits(groupPerMinute: 20);
        var incidents = Enumerable.Range(0, 31).Select(_ => bed.Open()).ToList();
        await bed.DrainAllAsync(Plenty);
        var cardsSent = bed.Api.Requests("sendMessage").Count;

        var service = bed.Get<IncidentService>();
        bed.Database.Write(_ =>
        {
            foreach (var incident in incidents.Take(30))
            {
                service.Worsen(bed.Database.Incident(incident.Id), "传播扩大：1 → 2 个来源");
            }

            service.Worsen(bed.Database.Incident(incidents[30].Id), "一般 → 重大", Grade.Major, "5 个来源");
        });
        await bed.DrainAllAsync(Plenty);

        var sent = bed.Api.Requests("sendMessage").Skip(cardsSent).Select(r => r.Parameters.GetProperty("text").GetString()!).ToList();
        output.WriteLine(string.Join("\n---\n", sent));
        var summary = Assert.Single(sent, t => t.Contains("提醒汇总", StringComparison.Ordinal));
        Assert.Contains("30 起事件待处理", summary);
        Assert.Contains($"<b>{incidents[0].Number}</b> 📈 恶化：传播扩大：1 → 2 个来源", summary);
        Assert.DoesNotContain(incidents[30].Number, summary);
        var major = Assert.Single(sent, t => t.Contains(incidents[30].Number, StringComparison.Ordinal) && t.Contains("舆情恶化", StringComparison.Ordinal));
        Assert.Contains("一般 → 重大", major);
        Assert.True(sent.IndexOf(major) < sent.IndexOf(summary), "the worsening to 重大 went after the summary of the general ones");
        Assert.Equal(2, sent.Count(t => t.Contains("📈", StringComparison.Ordinal)));
        Assert.Equal(0, bed.Api.RateLimited);

        var folded = bed.Database.Read(s => s.Outbox.DeliveredAfter(DateTimeOffset.MinValue)).Where(m => m.Reminder?.Kind == ReminderKind.Worsened).ToList();
        Assert.Equal(30, folded.Count);
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
        var digests = up.Where(m => m.Text!.Contains("舆情汇总", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(digests);
        Assert.True(up.Count <= 4, $"{up.Count} messages in the leadership chat");
        var records = bed.Database.Read(s => s.Digests.Kept()).Where(d => d.ChatId == leadership).ToList();
        var inDigests = records.SelectMany(d => d.IncidentIds).ToHashSet();
        Assert.All(incidents, i => Assert.True(inDigests.Contains(i.Id) || up.Any(m => m.Text!.Contains(i.Number, StringComparison.Ordinal)), $"{i.Number} never reached the leadership chat"));

        // Sent up because they are overdue, not new: the digest says so, and keeps saying so when paged.
        Assert.All(records, d => Assert.Equal(d.IncidentIds.Order(), d.EscalatedIds.Order()));
        Assert.StartsWith($"🗂 <b>舆情汇总</b> · ⬆️ 逾期升级 {records[0].IncidentIds.Count} 条\n", digests[0].Text);
        Assert.DoesNotContain(digests, d => d.Text!.Contains("新增", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutALeadershipChat_EscalationsAndNewIncidentsShareTheTeamChat_AndOneDigestCountsBoth()
    {
        // No leadership or supervisors chat: escalations go to the team chat. The first 30 went there in a digest (so
        // they have no card there), and 5 h later they come back escalated while 12 new ones arrive.
        await using var bed = await DeliveryTestBed.StartAsync();
        var old = Enumerable.Range(0, 30).Select(_ => bed.Open()).ToList();
        await bed.DrainAllAsync(Plenty);
        Assert.Single(bed.Digests());

        bed.Time.Advance(TimeSpan.FromHours(5));
        bed.Get<DeadlineWatch>().Tick();
        var fresh = Enumerable.Range(0, 12).Select(_ => bed.Open()).ToList();
        await bed.DrainAllAsync(Plenty);

        var digests = bed.Digests();
        output.WriteLine(string.Join("\n---\n", bed.Api.Messages(DeliveryTestBed.TeamChat).Skip(1).Select(m => m.Text)));
        Assert.Equal(2, digests.Count);
        var mixed = digests[1].Text!;
        Assert.StartsWith("🗂 <b>舆情汇总</b> · 新增 12 条 · ⬆️ 逾期升级 30 条\n", mixed);
        var record = bed.Database.Read(s => s.Digests.Kept()).OrderBy(d => d.Id).Last();
        Assert.Equal(old.Select(i => i.Id).Order(), record.EscalatedIds.Order());
        Assert.Equal(old.Concat(fresh).Select(i => i.Id).Order(), record.IncidentIds.Order());
    }

    [Fact]
    public async Task MoreRemindersThanOneSummaryFolds_GoOutAsTwoSummaries_500AndTheRest_OneAfterTheOther()
    {
        await using var bed = await DeliveryTestBed.StartAsync();
        // The cap is written out (500, as the delivery notes promise), so a changed cap fails here rather than passing along.
        const int cap = 500;
        const int rest = 37;
        const int count = cap + rest;
        var outbox = bed.Get<Outbox>();
        var due = bed.Time.GetUtcNow() - TimeSpan.FromHours(2);
        // Seeded as a deadline pass after an outage leaves them: one overdue reminder per incident, all for the team chat.
        // The incidents are stored straight, so no card and no deadline pass runs for each of them.
        var incidents = bed.Database.Write(s => Enumerable.Range(1, count).Select(n =>
        {
            var incident = new Incident
            {
                Number = $"2026-{n:0000}",
                Title = $"第{n}号 县医院被投诉",
                Url = $"http://127.0.0.1/news/{n}",
                SourceName = "县新闻",
                Grade = n == count ? Grade.Larger : Grade.General,
            };
            s.Incidents.Open(incident);
            var note = new ReminderNote { IncidentId = incident.Id, Kind = ReminderKind.Overdue, Grade = incident.Grade, Due = due };
            outbox.Notify(DeliveryTestBed.TeamChat, $"⛔ {incident.Number} 逾期未上报", incident.Id, note);
            return incident;
        }).ToList());

        await bed.DrainAllAsync(Plenty);

        var sent = bed.Api.Messages(DeliveryTestBed.TeamChat);
        Assert.Equal(2, sent.Count); // two summaries, nothing one by one
        Assert.All(sent, m => Assert.Contains("提醒汇总", m.Text));
        var (first, second) = (sent[0].Text!, sent[1].Text!);
        Assert.Contains($"{cap} 起事件待处理", first);
        Assert.Contains($"另有 {cap - ReminderDigests.Listed} 起", first);
        Assert.Contains($"{rest} 起事件待处理", second);
        Assert.Contains($"另有 {rest - ReminderDigests.Listed} 起", second);
        Assert.True(sent[1].Date - sent[0].Date < TimeSpan.FromSeconds(10), $"the rest waited {sent[1].Date - sent[0].Date}: a gathered backlog does not wait a window");

        // The oldest 500 in the first, the rest in the second (its 较大 one leading).
        Assert.Contains(incidents[0].Number, first);
        Assert.DoesNotContain(incidents[^1].Number, first);
        Assert.StartsWith("• <b>" + incidents[^1].Number, second.Split('\n').First(l => l.StartsWith('•')));
        Assert.DoesNotContain(incidents[0].Number, second);

        var folded = bed.Database.Read(s => s.Outbox.DeliveredAfter(DateTimeOffset.MinValue)).Where(m => m.Reminder is not null).ToList();
        Assert.Equal(count, folded.Count);
        Assert.All(folded, m => Assert.Equal("in reminder summary", m.LastError));
    }
}
