using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Chat;
using OpinionBot.Tests.Support;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Xunit;

namespace OpinionBot.Tests.EndToEnd;

/// <summary>Telegram may deliver an update again (e.g. after a crash before the offset was confirmed).</summary>
public sealed class UpdateReplayTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task SameUpdateTwice_AddsTheNoteOnce()
    {
        _bot.Site.Set("/feed.xml", TestFeeds.Rss(("县医院门诊排长队", _bot.Site.BaseUrl + "/n/1", DateTimeOffset.UtcNow, "患者反映排队")));
        await _bot.StartAsync();
        await _bot.Api.WaitUntilAsync(() => _bot.Api.Messages(BotHarness.TeamChat).Count == 1);
        var card = _bot.Api.Messages(BotHarness.TeamChat)[0];
        await _bot.CardStoredAsync(card);
        var chat = new Telegram.Bot.Types.Chat { Id = BotHarness.TeamChat, Type = ChatType.Group };
        var reply = new Update
        {
            Id = 900_000,
            Message = new Message
            {
                Id = 4242,
                Date = DateTime.UtcNow,
                Chat = chat,
                Text = "已电话核实",
                From = new User { Id = BotHarness.Officer, FirstName = "张三" },
                ReplyToMessage = new Message { Id = card.MessageId, Date = DateTime.UtcNow, Chat = chat },
            },
        };
        var router = _bot.Services.GetRequiredService<UpdateRouter>();

        await router.HandleAsync(reply, CancellationToken.None);
        await router.HandleAsync(reply, CancellationToken.None);

        var incident = Assert.Single(_bot.Database.AllIncidents());
        Assert.Single(incident.Notes);
        Assert.Equal("已电话核实", incident.Notes[0].Text);
    }
}
