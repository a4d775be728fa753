using OpinionBot.Tests.EndToEnd;
using Xunit;
using static OpinionBot.Tests.Chat.DepartmentBot;

namespace OpinionBot.Tests.Chat;

/// <summary>A group upgraded to a supergroup (400 with migrate_to_chat_id) is followed to its new id, for good.</summary>
public sealed class MigrationTests : IAsyncLifetime
{
    private const long Supergroup = -1_002_000_000_001;
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task RefusedWithMigrateToChatId_ResendsThere_MovesStoredIds_TellsSupervisorsOnce_AndKeepsItAfterRestart()
    {
        var api = _bot.Api;
        api.MigrateChat(DepartmentChat, Supergroup);
        await _bot.StartAsync();

        var first = Open(_bot, "县医院投诉升级前");
        var second = Open(_bot, "县医院投诉升级时");

        // What Telegram refused is sent again to the new id, nothing lost, in order.
        await api.WaitUntilAsync(() => Count(api, Supergroup, first) == 1 && Count(api, Supergroup, second) == 1, Patience);
        Assert.True(api.Messages(Supergroup).First(m => m.Text!.Contains(first)).MessageId < api.Messages(Supergroup).First(m => m.Text!.Contains(second)).MessageId);
        await api.WaitUntilAsync(() => Count(api, BotHarness.SupervisorsChat, "超级群") == 1, Patience);
        var notice = api.Messages(BotHarness.SupervisorsChat).Single(m => m.Text!.Contains("超级群"));
        Assert.Contains("Departments:0:Chat", notice.Text);
        Assert.Contains(Supergroup.ToString(), notice.Text);
        Assert.Contains(Department, notice.Text);
        var database = _bot.Database;
        Assert.True(database.Read(s => s.Cards.InChat(DepartmentChat).Count == 0));
        Assert.True(database.Read(s => s.Cards.InChat(Supergroup).Count(c => c.MessageId > 0)) == 2);
        Assert.True(database.Read(s => s.Outbox.Waiting().All(m => m.ChatId != DepartmentChat)));

        // The card in the new chat is edited there when the incident changes.
        var claim = api.Messages(Supergroup).First(m => m.Text!.Contains(first));
        var press = api.InjectCallback(Supergroup, BotHarness.Officer, claim.MessageId, claim.ButtonData("认领")!);
        await api.WaitUntilAsync(() => api.Messages(Supergroup).First(m => m.Text!.Contains(first)).Edits > 0, Patience);

        // The settings still name the old id; the stored move outlives a restart.
        await _bot.StopAsync();
        await _bot.StartAsync();
        var third = Open(_bot, "县医院投诉重启后");
        await api.WaitUntilAsync(() => Count(api, Supergroup, third) == 1, Patience);
        Assert.Single(api.Requests("sendMessage"), r => r.ChatId == DepartmentChat);
        Assert.Equal(1, Count(api, BotHarness.SupervisorsChat, "超级群"));
        Assert.NotNull(press);

        // Until the settings name the new id, /status says which group moved.
        api.InjectMessage(BotHarness.SupervisorsChat, BotHarness.Supervisor, "/status");
        var status = await api.WaitForMessageAsync(BotHarness.SupervisorsChat, m => m.Text!.Contains("运行状态"), Patience);
        Assert.Contains($"群 {DepartmentChat} 已升级为超级群 {Supergroup}", status.Text);
    }

    [Fact]
    public async Task MigrateToChatIdServiceMessage_IsFollowedBeforeAnyCardBounces()
    {
        var api = _bot.Api;
        await _bot.StartAsync();

        api.MigrateChat(DepartmentChat, Supergroup, announce: true);
        await api.WaitUntilAsync(() => Count(api, BotHarness.SupervisorsChat, "超级群") == 1, Patience);
        var number = Open(_bot, "县医院投诉升级后");

        await api.WaitUntilAsync(() => Count(api, Supergroup, number) == 1, Patience);
        Assert.DoesNotContain(api.Requests("sendMessage"), r => r.ChatId == DepartmentChat);
        // Commands in the new supergroup are taken as from the department's chat, not an unconfigured one.
        api.InjectMessage(Supergroup, BotHarness.Officer, "/help", chatType: "supergroup");
        var help = await api.WaitForMessageAsync(Supergroup, m => m.ReplyToMessageId is not null, Patience);
        Assert.DoesNotContain("未配置", help.Text);
    }
}
