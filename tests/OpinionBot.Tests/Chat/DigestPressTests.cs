using System.Globalization;
using OpinionBot.Chat;
using Telegram.Bot;
using Xunit;

namespace OpinionBot.Tests.Chat;

/// <summary>Pressing a digest's buttons, through the real Telegram client, update router and sender.</summary>
public sealed class DigestPressTests
{
    private static readonly TimeSpan Plenty = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task PressingAnIncidentInTheDigest_PostsItsFullCard_WhoseButtonsThenWork_AndPagesTurn()
    {
        await using var bed = await DeliveryTestBed.StartAsync();
        var incidents = bed.Database.Write(_ => Enumerable.Range(0, 30).Select(_ => bed.Open()).ToList());
        await bed.DrainAllAsync(Plenty);

        var digest = Assert.Single(bed.Digests());
        Assert.DoesNotContain(bed.Api.Messages(DeliveryTestBed.TeamChat), m => m.Text!.StartsWith("🔔", StringComparison.Ordinal));
        Assert.Contains("新增 30 条", digest.Text);
        Assert.Contains("第 1/4 页", digest.Text);
        Assert.Empty(bed.Database.Read(s => s.Cards.InChat(DeliveryTestBed.TeamChat))); // folded cards have no placement until opened

        var open = digest.Buttons.SelectMany(r => r).First(b => b.Data.StartsWith("/dg:o:", StringComparison.Ordinal)).Data;
        var incident = incidents.Single(i => i.Id == long.Parse(open.Split(':')[^1], CultureInfo.InvariantCulture));
        var first = bed.Api.InjectCallback(DeliveryTestBed.TeamChat, DeliveryTestBed.Officer, digest.MessageId, open);
        var again = bed.Api.InjectCallback(DeliveryTestBed.TeamChat, DeliveryTestBed.Officer, digest.MessageId, open);
        await PumpAsync(bed);
        await bed.DrainAllAsync(Plenty);

        Assert.Contains("正在发送", Answer(bed, first));
        Assert.Contains("已在发送中", Answer(bed, again));
        var card = bed.CardOf(incident);
        Assert.NotNull(card);
        Assert.Single(bed.Api.Messages(DeliveryTestBed.TeamChat), m => m.Text!.StartsWith("🔔", StringComparison.Ordinal));
        Assert.Contains("认领", card.ButtonTexts);
        Assert.Equal(card.MessageId, bed.Database.Read(s => s.Cards.Find(incident.Id, DeliveryTestBed.TeamChat))!.MessageId);

        // The opened card is a real card: its buttons act, and the edit lands on it.
        var claim = bed.Api.InjectCallback(DeliveryTestBed.TeamChat, DeliveryTestBed.Officer, card.MessageId, card.ButtonData("认领")!);
        await PumpAsync(bed);
        await bed.DrainAllAsync(Plenty);
        Assert.Equal("已完成", Answer(bed, claim));
        Assert.Contains("核实中", bed.CardOf(incident)!.Text);

        var next = digest.ButtonData("下一页 »")!;
        bed.Api.InjectCallback(DeliveryTestBed.TeamChat, DeliveryTestBed.Officer, digest.MessageId, next);
        await PumpAsync(bed);
        await bed.DrainAllAsync(Plenty);
        var turned = bed.Digests().Single();
        Assert.Contains("第 2/4 页", turned.Text);
        Assert.Contains("« 上一页", turned.ButtonTexts);
    }

    [Fact]
    public async Task DigestButtons_RefuseTamperedData_AndAnotherChatsDigest()
    {
        await using var bed = await DeliveryTestBed.StartAsync(new() { ["Chats:Leadership"] = "-1002" });
        bed.Database.Write(_ => Enumerable.Range(0, 12).Select(_ => bed.Open()).ToList());
        await bed.DrainAllAsync(Plenty);
        var digest = Assert.Single(bed.Digests());
        var digestId = bed.Database.Read(s => s.Digests.Kept()).Single().Id;

        bed.Api.InjectMessage(-1002, DeliveryTestBed.Officer, "hello"); // message 1 of the leadership chat
        var tampered = new[]
        {
            bed.Api.InjectCallback(DeliveryTestBed.TeamChat, DeliveryTestBed.Officer, digest.MessageId, $"/dg:o:{digestId}:999999"),
            bed.Api.InjectCallback(DeliveryTestBed.TeamChat, DeliveryTestBed.Officer, digest.MessageId, "/dg:o:424242:1"),
            bed.Api.InjectCallback(DeliveryTestBed.TeamChat, DeliveryTestBed.Officer, digest.MessageId, "/dg:x:1:1"),
            bed.Api.InjectCallback(-1002, DeliveryTestBed.Officer, 1, DigestCard.OpenData(digestId, 1)),
        };
        await PumpAsync(bed);
        await bed.DrainAllAsync(Plenty);

        Assert.All(tampered, id => Assert.Matches("找不到|无效", Answer(bed, id)));
        Assert.DoesNotContain(bed.Api.Messages(DeliveryTestBed.TeamChat), m => m.Text!.StartsWith("🔔", StringComparison.Ordinal));
        Assert.Empty(bed.Api.Messages(-1002));
    }

    /// <summary>Hands the fake's queued updates to the real router, as the poller would.</summary>
    private static async Task PumpAsync(DeliveryTestBed bed)
    {
        var router = bed.Get<UpdateRouter>();
        var updates = await bed.Get<ITelegramBotClient>().GetUpdates(router.NextOffset(), timeout: 0);
        foreach (var update in updates)
        {
            await router.HandleAsync(update, CancellationToken.None);
        }
    }

    private static string Answer(DeliveryTestBed bed, string queryId) =>
        bed.Api.CallbackAnswers.Single(a => a.CallbackQueryId == queryId).Text ?? "";
}
