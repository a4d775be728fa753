using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Sources;
using OpinionBot.Tests.Support;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Commands;

/// <summary>/history N end to end: the trail in words, merges with links, escalations, reminders, pages and buttons.</summary>
public sealed class HistoryCommandTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    public async Task InitializeAsync() => _chat = await CommandChat.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private IncidentService Service => _chat.Bot.Services.GetRequiredService<IncidentService>();

    [Fact]
    public async Task History_TellsWhoDidWhatInWords_WithTheMergedRepostLinked()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 处理经过");
        var officer = new Actor(Officer, "张三", Role.Officer);
        Service.Apply(incident.Id, IncidentAction.Claim, officer);
        _chat.Bot.Database.Write(_ =>
        {
            var stored = _chat.Bot.Database.Incident(incident.Id);
            Service.AddAppearance(stored, new NewAppearance(
                new SourceItem("http://127.0.0.1:9/repost/1", "转载：医院投诉", "转载", DateTimeOffset.UtcNow), "县论坛",
                [new TopicMatch("医院投诉", ["投诉"])], DateTimeOffset.UtcNow));
            stored.ReminderLog.Add(new ReminderLogEntry { At = DateTimeOffset.UtcNow, Step = "report-half" });
            _chat.Bot.Database.Write(s => s.Incidents.Save(stored));
            return 0;
        });
        Service.Apply(incident.Id, IncidentAction.Escalate, officer, comment: "影响扩大");

        var reply = await _chat.SayAsync(TeamChat, Officer, $"/history {CommandChat.AsTyped(incident)}");

        var text = reply.Text!;
        Assert.Contains($"{incident.Number} 处理经过", text);
        Assert.Contains("系统 在「县新闻」发现此舆情", text);
        Assert.Contains("张三 认领并开始核实", text);
        Assert.Contains("在「县论坛」发现转载，并入本事件 <a href=\"http://127.0.0.1:9/repost/1\">链接</a>", text);
        Assert.Contains("提醒：上报时限已过半", text);
        Assert.Contains("张三 升级至领导小组（影响扩大）", text);
        Assert.DoesNotContain("claim", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("OpinionBot", text);
        Assert.Empty(reply.Buttons);

        var english = await _chat.SayAsync(Officer, Officer, $"/history {incident.Number}", languageCode: "en");
        Assert.Contains("张三 claimed it and began verifying", english.Text); // the name is data; the words are English
        Assert.Contains("a repost on 县论坛 was merged into this incident", english.Text);
    }

    [Fact]
    public async Task History_LongTrail_IsPagedWithButtonsAndEveryPageFitsTelegram()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 很长的经过");
        var officer = new Actor(Officer, "张三", Role.Officer);
        for (var i = 1; i <= 30; i++)
        {
            Service.Note(incident.Id, officer, $"第{i}条备注：" + new string('长', 300));
        }

        var first = await _chat.SayAsync(TeamChat, Officer, $"/history {incident.Number}");
        Assert.Contains("共 31 条，第 1/", first.Text);
        Assert.True(first.Text!.Length < 4096);
        Assert.Equal(["下一页 »"], first.ButtonTexts);

        var seen = new HashSet<string>();
        var page = first;
        while (true)
        {
            foreach (var note in System.Text.RegularExpressions.Regex.Matches(page.Text!, @"第(\d+)条备注").Select(m => m.Groups[1].Value))
            {
                Assert.True(seen.Add(note), $"note {note} shown twice");
            }

            if (page.ButtonData("下一页 »") is null)
            {
                break;
            }

            var edits = page.Edits;
            await _chat.PressAsync(TeamChat, Officer, page, "下一页 »");
            page = await _chat.Api.WaitForMessageAsync(TeamChat, m => m.MessageId == first.MessageId && m.Edits > edits, CommandChat.Patience);
            Assert.Contains("« 上一页", page.ButtonTexts);
        }

        Assert.Equal(30, seen.Count);
    }

    [Fact]
    public async Task History_UnknownNumber_SaysSo() =>
        Assert.Contains("9999", (await _chat.SayAsync(TeamChat, Officer, "/history 9999")).Text);
}
