using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Chat;
using OpinionBot.Storage;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Monitoring;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Chat;

/// <summary>
/// Webhook mode against the fake Bot API, which (like Telegram) posts queued updates to the webhook with the secret
/// token and refuses getUpdates while a webhook is set.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "s3cret_Token-42";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private BotHarness _bot = null!;
    private string _url = "";

    private FakeBotApi Api => _bot.Api;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.CreateAsync();
        var port = LocalEndpoints.FreePort();
        _url = $"http://127.0.0.1:{port}/telegram/hook";
        _bot.Settings["Telegram:Webhook:Url"] = _url;
        _bot.Settings["Telegram:Webhook:Listen"] = $"127.0.0.1:{port}";
        _bot.Settings["Telegram:Webhook:SecretToken"] = Secret;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task UpdatesPostedWithTheSecret_AreHandled_AndAResentUpdateChangesNothing()
    {
        await _bot.StartAsync();
        await Api.WaitUntilAsync(() => Api.WebhookUrl == _url, Patience);
        var set = Assert.Single(Api.Requests("setWebhook"));
        Assert.Equal(Secret, set.Parameters.GetProperty("secret_token").GetString());

        var updateId = Api.InjectMessage(BotHarness.TeamChat, BotHarness.Officer, "/help");
        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count == 1, Patience);
        Assert.Contains(Api.WebhookDeliveries, d => d.UpdateId == updateId && d.Status == 200);
        Assert.Empty(Api.Requests("getUpdates"));

        // Telegram resends an update it thinks was not acknowledged: the stored last update id makes it a no-op.
        var outboxBefore = OutboxCount();
        Assert.Equal(200, await Api.PostToWebhookAsync(HelpUpdate(updateId), Secret));
        Assert.Equal(outboxBefore, OutboxCount());
        Assert.Equal(updateId, _bot.Database.Read(s => s.Counters.Get(UpdateRouter.LastUpdateKey)));
    }

    [Fact]
    public async Task WrongOrMissingSecret_Gets401_AndNothingIsHandled()
    {
        await _bot.StartAsync();
        await Api.WaitUntilAsync(() => Api.WebhookUrl == _url, Patience);
        var outboxBefore = OutboxCount();

        Assert.Equal(401, await Api.PostToWebhookAsync(HelpUpdate(5000), "guessed"));
        Assert.Equal(401, await Api.PostToWebhookAsync(HelpUpdate(5000), null));
        Assert.Equal(401, await Api.PostToWebhookAsync(HelpUpdate(5000), Secret + "x"));
        Assert.Equal(outboxBefore, OutboxCount());
        Assert.Equal(0, _bot.Database.Read(s => s.Counters.Get(UpdateRouter.LastUpdateKey)));

        // The same body with the right secret is handled: the refusals were the secret's doing.
        Assert.Equal(200, await Api.PostToWebhookAsync(HelpUpdate(5000), Secret));
        Assert.Equal(5000, _bot.Database.Read(s => s.Counters.Get(UpdateRouter.LastUpdateKey)));
        Assert.True(OutboxCount() > outboxBefore);
    }

    [Fact]
    public async Task MalformedBodies_AreAcknowledged_AndLaterUpdatesStillFlow()
    {
        await _bot.StartAsync();
        await Api.WaitUntilAsync(() => Api.WebhookUrl == _url, Patience);

        Assert.Equal(200, await Api.PostToWebhookAsync("{not json", Secret));
        Assert.Equal(200, await Api.PostToWebhookAsync("""{"no_update_id":true}""", Secret));
        Assert.Equal(200, await Api.PostToWebhookAsync("""{"update_id":"text","message":7}""", Secret));
        Assert.Equal(200, await Api.PostToWebhookAsync(new string('[', 100_000), Secret));

        Api.InjectMessage(BotHarness.TeamChat, BotHarness.Officer, "/help");
        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count == 1, Patience);
    }

    [Fact]
    public async Task GoingBackToPolling_DeletesTheWebhook_AndPollingGoesOnFromTheStoredUpdateId()
    {
        await _bot.StartAsync();
        await Api.WaitUntilAsync(() => Api.WebhookUrl == _url, Patience);
        Api.InjectMessage(BotHarness.TeamChat, BotHarness.Officer, "/help");
        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count == 1, Patience);
        await _bot.StopAsync();

        _bot.Settings.Remove("Telegram:Webhook:Url");
        await _bot.StartAsync();
        await Api.WaitUntilAsync(() => Api.WebhookUrl is null && Api.Requests("getUpdates").Any(r => r.Status == 200), Patience);
        Api.InjectMessage(BotHarness.TeamChat, BotHarness.Officer, "/status");

        await Api.WaitUntilAsync(() => Api.Messages(BotHarness.TeamChat).Count == 2, Patience);
        Assert.Single(Api.Requests("deleteWebhook"));
        // Polling asked from the update after the last one the webhook handled.
        var offsets = Api.Requests("getUpdates").Select(r => r.Parameters.TryGetProperty("offset", out var o) ? o.GetInt64() : 0).ToList();
        Assert.All(offsets, offset => Assert.True(offset >= 2, $"offset {offset}"));
    }

    private int OutboxCount() => _bot.Database.Read(s => s.Outbox.QueuedAfter(0).Count);

    private static string HelpUpdate(int id) => $$$"""
        {"update_id":{{{id}}},"message":{"message_id":77,"date":1767225600,
         "chat":{"id":{{{BotHarness.TeamChat}}},"type":"group","title":"team"},
         "from":{"id":{{{BotHarness.Officer}}},"is_bot":false,"first_name":"张三"},
         "text":"/help","entities":[{"type":"bot_command","offset":0,"length":5}]}}
        """;
}
