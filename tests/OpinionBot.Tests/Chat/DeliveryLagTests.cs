using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Chat;
using OpinionBot.Tests.Commands;
using OpinionBot.Tests.EndToEnd;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Chat;

/// <summary>
/// Delivery that falls behind is told, not left in a log: the supervisors hear once when a chat's oldest waiting
/// message passes Delivery:LagAlertAfter and once when it has caught up, and /status names the chat furthest behind.
/// </summary>
public sealed class DeliveryLagTests(ITestOutputHelper output)
{
    private const long Supervisors = -1003;

    [Fact]
    public async Task AChatFallingBehind_TellsTheSupervisorsOnce_AndOnceMoreWhenItHasCaughtUp()
    {
        // Two messages a minute and thirty cards: the team chat is behind for a quarter of an hour.
        await using var bed = await DeliveryTestBed.StartAsync(new()
        {
            ["Delivery:DigestAbove"] = "1000",
            ["Delivery:GroupMessagesPerMinute"] = "2",
            ["Delivery:MajorReserve"] = "0",
            ["Delivery:LagAlertAfter"] = "00:05:00",
            ["Chats:Supervisors"] = Supervisors.ToString(),
        });
        var start = bed.Time.GetUtcNow();
        for (var i = 0; i < 30; i++)
        {
            bed.Open();
        }

        await bed.DrainAllAsync(TimeSpan.FromHours(1));

        var told = bed.Api.Messages(Supervisors);
        output.WriteLine(string.Join("\n", told.Select(m => $"{m.Date - start} {m.Text}")));
        var behind = Assert.Single(told, m => m.Text!.Contains("消息积压", StringComparison.Ordinal));
        Assert.Contains("发往团队群的消息积压", behind.Text);
        Assert.Contains("最久已等 5", behind.Text);
        Assert.InRange(behind.Date - start, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6));
        var caughtUp = Assert.Single(told, m => m.Text!.Contains("已跟上", StringComparison.Ordinal));
        Assert.True(caughtUp.Date > bed.Api.Messages(DeliveryTestBed.TeamChat).Max(m => m.Date) - TimeSpan.FromSeconds(1),
            "caught up was told before the team chat's last card went");
        Assert.Equal(2, told.Count);
    }

    [Fact]
    public async Task AChatThatTelegramHoldsBack_IsNamedInStatus_AndTheSupervisorsAreTold()
    {
        await using var chat = await CommandChat.StartAsync(settings => settings["Delivery:LagAlertAfter"] = "00:00:02");
        await chat.Api.WaitUntilAsync(() => chat.Bot.Database.Read(s => s.Outbox.WaitingCount()) == 0, CommandChat.Patience);

        // Telegram makes the leadership chat wait two minutes (429): its message waits, the other chats go on.
        chat.Api.FailNext(1, 429, retryAfter: 120, method: "sendMessage");
        chat.Bot.Database.Write(_ => chat.Bot.Services.GetRequiredService<Outbox>().Send(BotHarness.LeadershipChat, "领导群消息"));

        var told = await chat.Api.WaitForMessageAsync(BotHarness.SupervisorsChat, m => m.Text?.Contains("积压") == true, CommandChat.Patience);
        Assert.Contains("发往领导群的消息积压：1 条待发", told.Text);

        var status = await chat.SayAsync(BotHarness.TeamChat, BotHarness.Officer, "/status");
        output.WriteLine(status.Text);
        Assert.Contains("⚠️ 发送最慢：领导群，1 条待发，最久已等", status.Text);
    }
}
