using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Chat;
using OpinionBot.Tests.EndToEnd;
using Xunit;
using static OpinionBot.Tests.Chat.DepartmentBot;

namespace OpinionBot.Tests.Chat;

/// <summary>A chat that kicked the bot (403) is noticed once, its cards reach people anyway, and it comes back.</summary>
public sealed class LostChatTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task KickedDepartmentChat_SupervisorsToldOnce_CardsGoToTheTeamMarked_ResumesWhenAddedBack()
    {
        var api = _bot.Api;
        api.RemoveBotFrom(DepartmentChat);
        await _bot.StartAsync();

        var numbers = Enumerable.Range(1, 20).Select(i => Open(_bot, $"县医院投诉第{i}起")).ToList();

        // Every one of the 20 cards meant for the department reaches the team chat, headed with the department.
        await api.WaitUntilAsync(() => numbers.All(n => Count(api, BotHarness.TeamChat, n, "代转", Department) == 1), Patience);
        await api.WaitUntilAsync(() => Count(api, BotHarness.SupervisorsChat, "无法向", Department) == 1, Patience);
        var notice = Assert.Single(api.Messages(BotHarness.SupervisorsChat), m => m.Text!.Contains("无法向"));
        Assert.Contains(DepartmentChat.ToString(), notice.Text);
        Assert.Contains("kicked", notice.Text);
        // After the first refusal nothing more was tried there: one 403, not twenty.
        Assert.Single(api.Requests("sendMessage"), r => r.ChatId == DepartmentChat);
        // The copies sit under the team's own card of the same incident, and carry no buttons of their own.
        var copies = api.Messages(BotHarness.TeamChat).Where(m => m.Text!.Contains("代转")).ToList();
        Assert.All(copies, copy => Assert.Empty(copy.Buttons));
        Assert.All(copies, copy => Assert.Contains(api.Messages(BotHarness.TeamChat), card => card.MessageId == copy.ReplyToMessageId && card.Buttons.Count > 0));

        // /status keeps saying so while the chat is lost, not only the one notice.
        api.InjectMessage(BotHarness.SupervisorsChat, BotHarness.Supervisor, "/status");
        var status = await api.WaitForMessageAsync(BotHarness.SupervisorsChat, m => m.Text!.Contains("运行状态"), Patience);
        Assert.Contains("⛔ 无法向", status.Text);
        Assert.Contains(Department, status.Text);

        api.InjectMyChatMember(DepartmentChat, "member");
        await api.WaitUntilAsync(() => Count(api, BotHarness.SupervisorsChat, "已回到", Department) == 1, Patience);
        api.InjectMessage(BotHarness.SupervisorsChat, BotHarness.Supervisor, "/status");
        await api.WaitUntilAsync(() => Count(api, BotHarness.SupervisorsChat, "运行状态") == 2, Patience);
        Assert.DoesNotContain("⛔ 无法向", api.Messages(BotHarness.SupervisorsChat).Last(m => m.Text!.Contains("运行状态")).Text);
        var after = Open(_bot, "县医院投诉恢复后");

        await api.WaitUntilAsync(() => Count(api, DepartmentChat, after) == 1, Patience);
        Assert.Equal(0, Count(api, BotHarness.TeamChat, after, "代转"));
        Assert.Single(api.Messages(BotHarness.SupervisorsChat), m => m.Text!.Contains("无法向") && !m.Text.Contains("运行状态")); // one notice
    }

    [Fact]
    public async Task BotRemovedFromAGroup_IsNoticedAtOnce_BeforeAnyCardBounces()
    {
        await _bot.StartAsync();

        _bot.Api.InjectMyChatMember(DepartmentChat, "kicked");

        await _bot.Api.WaitUntilAsync(() => Count(_bot.Api, BotHarness.SupervisorsChat, "无法向", Department) == 1, Patience);
        var number = Open(_bot, "县医院投诉移除后");
        await _bot.Api.WaitUntilAsync(() => Count(_bot.Api, BotHarness.TeamChat, number, "代转") == 1, Patience);
        Assert.DoesNotContain(_bot.Api.Requests("sendMessage"), r => r.ChatId == DepartmentChat);
    }

    [Fact]
    public async Task KickedFromTheTeamChat_ItsCardsGoToTheSupervisorsChatMarked()
    {
        var api = _bot.Api;
        api.RemoveBotFrom(BotHarness.TeamChat);
        await _bot.StartAsync();

        var number = Open(_bot, "县医院投诉团队群失联");

        await api.WaitUntilAsync(() => Count(api, BotHarness.SupervisorsChat, number, "代转", "团队群") == 1, Patience);
        Assert.Equal(1, Count(api, BotHarness.SupervisorsChat, "无法向团队群"));
        await api.WaitUntilAsync(() => Count(api, DepartmentChat, number) == 1, Patience); // the department's own chat still works
    }

    [Fact]
    public async Task PersonWhoBlockedTheBot_PrivateNoticesAreGivenUp_SupervisorsToldOnce()
    {
        var api = _bot.Api;
        api.RemoveBotFrom(BotHarness.Officer);
        await _bot.StartAsync();
        var outbox = _bot.Services.GetRequiredService<Outbox>();

        _bot.Database.Write(_ => outbox.Send(BotHarness.Officer, "私信一"));
        await api.WaitUntilAsync(() => Count(api, BotHarness.SupervisorsChat, "无法向", "私聊") == 1, Patience);
        _bot.Database.Write(_ => outbox.Send(BotHarness.Officer, "私信二"));
        await api.WaitUntilAsync(() => _bot.Database.Read(s => s.Outbox.WaitingCount()) == 0, Patience);

        Assert.Contains("blocked", api.Messages(BotHarness.SupervisorsChat).Single(m => m.Text!.Contains("无法向")).Text);
        Assert.Single(api.Requests("sendMessage"), r => r.ChatId == BotHarness.Officer);
        Assert.True(_bot.Database.Read(s => s.Outbox.QueuedAfter(0).Where(m => m.ChatId == BotHarness.Officer).All(m => m.Failed)));
        Assert.Equal(0, Count(api, BotHarness.TeamChat, "私信"));
    }

    [Fact]
    public async Task MessageTelegramRefusesForGood_IsCountedInStatus_NotOnlyLogged()
    {
        var api = _bot.Api;
        await _bot.StartAsync();
        api.FailNext(1, 400, method: "sendMessage", description: "Bad Request: can't parse entities");

        Open(_bot, "县医院投诉拒收");
        await api.WaitUntilAsync(() => _bot.Database.Read(s => s.Outbox.QueuedAfter(0).Count(m => m.Failed)) == 1, Patience);
        api.InjectMessage(BotHarness.SupervisorsChat, BotHarness.Supervisor, "/status");

        var status = await api.WaitForMessageAsync(BotHarness.SupervisorsChat, m => m.Text!.Contains("运行状态"), Patience);
        Assert.Contains("1 条消息未送达：被 Telegram 拒收", status.Text);

        // The supervisors are told, not only counted: once per chat in an hour.
        var told = Assert.Single(api.Messages(BotHarness.SupervisorsChat), m => m.Text!.Contains("被 Telegram 拒收，已放弃"));
        Assert.Contains("parse entities", told.Text); // (the apostrophe arrives HTML-escaped)
        var refusedChat = _bot.Database.Read(s => s.Outbox.QueuedAfter(0).Single(m => m.Failed)).ChatId;
        api.FailNext(1, 400, method: "sendMessage", description: "Bad Request: can't parse entities");
        _bot.Database.Write(_ => _bot.Services.GetRequiredService<Outbox>().Send(refusedChat, "又一条被拒收的消息"));
        await api.WaitUntilAsync(() => _bot.Database.Read(s => s.Outbox.QueuedAfter(0).Count(m => m.Failed)) == 2, Patience);
        await api.WaitUntilAsync(() => _bot.Database.Read(s => s.Outbox.WaitingCount()) == 0, Patience);
        Assert.Single(api.Messages(BotHarness.SupervisorsChat), m => m.Text!.Contains("被 Telegram 拒收，已放弃"));
    }

    [Fact]
    public async Task AChatIdTelegramDoesNotKnow_IsTreatedAsLost_ItsCardsRerouted_SupervisorsTold()
    {
        var api = _bot.Api;
        api.ForgetChat(DepartmentChat); // e.g. a mistyped id in the settings
        await _bot.StartAsync();

        var number = Open(_bot, "县医院投诉群号有误");

        await api.WaitUntilAsync(() => Count(api, BotHarness.TeamChat, number, "代转", Department) == 1, Patience);
        var notice = await api.WaitForMessageAsync(BotHarness.SupervisorsChat, m => m.Text!.Contains("无法向"), Patience);
        Assert.Contains("chat not found", notice.Text);
        Assert.Contains(DepartmentChat.ToString(), notice.Text);
    }
}
