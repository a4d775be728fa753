using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Chat;
using OpinionBot.Storage;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Chat;

/// <summary>The sender's last-resort guards: Telegram's limits, and the (重发) mark only where a message may be a repeat.</summary>
public sealed class DeliveryGuardTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.CreateAsync();
        _bot.Site.Set("/feed.xml", TestFeeds.Rss());
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task OverlongTextAndCaption_AreCutWithAMarker_AndOversizedButtonDataIsLeftOut()
    {
        await _bot.StartAsync();
        var outbox = _bot.Services.GetRequiredService<Outbox>();

        _bot.Database.Write(_ =>
        {
            outbox.Send(BotHarness.TeamChat, "<b>长文</b>\n" + string.Concat(Enumerable.Repeat("第一段<i>斜体</i>很长的内容。\n", 600)),
                [[new ButtonSpec("好", "ok"), new ButtonSpec("坏", new string('x', 65))]]);
            outbox.SendFile(BotHarness.TeamChat, OutboxKind.Document, "a.txt", [1, 2, 3], new string('说', 2000));
        });

        var text = await _bot.Api.WaitForMessageAsync(BotHarness.TeamChat, m => m.Kind == "text" && m.Text!.StartsWith("<b>长文", StringComparison.Ordinal), Patience);
        var file = await _bot.Api.WaitForMessageAsync(BotHarness.TeamChat, m => m.Kind == "document", Patience);
        Assert.InRange(text.Text!.Length, 3000, 4096);
        Assert.EndsWith("（过长，已截断）", text.Text, StringComparison.Ordinal);
        Assert.Equal(["好"], text.ButtonTexts);
        Assert.InRange(file.Text!.Length, 500, 1024);
        Assert.EndsWith("（过长，已截断）", file.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMadeFilesCaption_IsFittedWithWhatIsMadeOnDelivery()
    {
        await _bot.StartAsync();
        var outbox = _bot.Services.GetRequiredService<Outbox>();
        var order = new OpinionBot.Reports.Documents.DocumentOrder
        {
            Kind = OpinionBot.Reports.Documents.DocumentKind.Ledger,
            Format = "csv",
            AsOf = DateTimeOffset.UtcNow,
            From = "2026-12-01",
            To = "2026-12-01",
        };

        // The stored text fits (1,020 characters); with the ledger's caption, known only once made, it would not.
        _bot.Database.Write(_ => outbox.SendMade(BotHarness.TeamChat, OutboxKind.Document, "ledger.csv", order, new string('说', 1020)));

        var file = await _bot.Api.WaitForMessageAsync(BotHarness.TeamChat, m => m.Kind == "document", Patience);
        Assert.InRange(file.Text!.Length, 500, 1024);
        Assert.EndsWith("（过长，已截断）", file.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageLeftSendingByACrash_IsResentMarked_ButAnEditAndAnUntriedMessageAreNot()
    {
        using (var db = TestDatabases.Open(_bot.DatabasePath))
        {
            var outbox = new Outbox(db, TimeProvider.System);
            db.Write(s =>
            {
                outbox.Send(BotHarness.TeamChat, "卡片甲", [[new ButtonSpec("认领", "c:1")]], incidentId: 1);
                outbox.Send(BotHarness.TeamChat, "卡片乙", [[new ButtonSpec("认领", "c:2")]], incidentId: 2);
                foreach (var message in s.Outbox.Waiting().Where(m => m.Text == "卡片甲"))
                {
                    message.SendingAt = DateTimeOffset.UtcNow; // the worker died during this call
                    s.Outbox.Save(message);
                }
            });
        }

        await _bot.StartAsync();

        await _bot.Api.WaitUntilAsync(() => _bot.Api.Messages(BotHarness.TeamChat).Count == 2, Patience);
        Assert.Equal(["(重发) 卡片甲", "卡片乙"], _bot.Api.Messages(BotHarness.TeamChat).Select(m => m.Text));
    }

    [Fact]
    public async Task TelegramAnsweringWithAnError_IsNoRepeat_SoTheCardIsNotMarked()
    {
        await _bot.StartAsync();
        var outbox = _bot.Services.GetRequiredService<Outbox>();
        _bot.Api.FailNextWithHtml(1, 502, method: "sendMessage");
        _bot.Api.FailNext(1, 500, method: "sendMessage");

        _bot.Database.Write(_ => outbox.Send(BotHarness.TeamChat, "卡片丙", [[new ButtonSpec("认领", "c:3")]], incidentId: 3));

        var card = await _bot.Api.WaitForMessageAsync(BotHarness.TeamChat, m => m.Text!.Contains("卡片丙", StringComparison.Ordinal), Patience);
        Assert.Equal("卡片丙", card.Text);
        Assert.Equal(3, _bot.Api.Requests("sendMessage").Count);
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(4096, false)]
    [InlineData(4097, true)]
    [InlineData(20000, true)]
    public void Fit_CutsOnlyWhatIsOverTheLimit(int length, bool cut)
    {
        var html = new string('字', length);

        var fitted = DeliveryAttempt.Fit(html, DeliveryAttempt.TextLimit, "…（过长，已截断）");

        Assert.Equal(cut, fitted is not null);
        Assert.True(fitted is null || fitted.Length <= DeliveryAttempt.TextLimit);
    }
}
