using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Chat;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Chat;

/// <summary>An update the client cannot read is logged and skipped; it never makes the bot deaf to the others.</summary>
public sealed class BadUpdateTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.CreateAsync();
        _bot.Site.Set("/feed.xml", TestFeeds.Rss());
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("text with a lone surrogate", """{"message_id":9077,"date":1767225600,"chat":{"id":-1001,"type":"group"},"from":{"id":501,"is_bot":false,"first_name":"张三"},"text":"/incident \ud800"}""")]
    [InlineData("a message that is a number", "12345")]
    [InlineData("a chat id that is text", """{"message_id":9078,"date":1767225600,"chat":{"id":"团队","type":"group"},"text":"/help"}""")]
    public async Task OneMalformedUpdateAmongAHundredGoodOnes_AllHundredAnswered(string what, string message)
    {
        Assert.NotEmpty(what);
        var api = _bot.Api;
        var asked = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            api.InjectMessage(BotHarness.TeamChat, BotHarness.Officer, $"/help {i}");
            asked.Add(api.ChatHistory(BotHarness.TeamChat)[^1].MessageId);
        }

        var badId = api.InjectRaw("{\"update_id\":" + (api.PendingUpdates + 1) + ",\"message\":" + message + "}");
        for (var i = 50; i < 100; i++)
        {
            api.InjectMessage(BotHarness.TeamChat, BotHarness.Officer, $"/help {i}");
            asked.Add(api.ChatHistory(BotHarness.TeamChat)[^1].MessageId);
        }

        await _bot.StartAsync();

        await api.WaitUntilAsync(() => asked.All(id => api.Messages(BotHarness.TeamChat).Any(m => m.ReplyToMessageId == id)), Patience);
        Assert.Equal(100, asked.Distinct().Count());
        Assert.True(_bot.Database.Read(s => s.Counters.Get(UpdateRouter.LastUpdateKey)) > badId);

        // After a restart the stored offset is past the bad update: nothing is fetched again and answered twice.
        await _bot.StopAsync();
        await _bot.StartAsync();
        api.InjectMessage(BotHarness.TeamChat, BotHarness.Officer, "/help again");
        var again = api.ChatHistory(BotHarness.TeamChat)[^1].MessageId;
        await api.WaitUntilAsync(() => api.Messages(BotHarness.TeamChat).Any(m => m.ReplyToMessageId == again), Patience);
        Assert.All(asked, id => Assert.Single(api.Messages(BotHarness.TeamChat), m => m.ReplyToMessageId == id));
    }

    [Fact]
    public async Task CommandWithALoneSurrogate_IsStillAnswered()
    {
        var api = _bot.Api;
        await _bot.StartAsync();

        var id = api.InjectRaw("""{"update_id":1,"message":{"message_id":5,"date":1767225600,"chat":{"id":-1001,"type":"group"},"from":{"id":501,"is_bot":false,"first_name":"张三"},"text":"/incident \ud800","entities":[{"type":"bot_command","offset":0,"length":9}]}}""");

        // The broken character is read as U+FFFD, so the command is understood and answered (the number is unknown).
        await api.WaitUntilAsync(() => api.Messages(BotHarness.TeamChat).Any(m => m.Text!.Contains("找不到舆情 �")), Patience);
        Assert.Single(api.Requests("sendMessage"), r => r.Parameters.GetProperty("reply_parameters").GetProperty("message_id").GetInt32() == 5);
        Assert.True(_bot.Database.Read(s => s.Counters.Get(UpdateRouter.LastUpdateKey)) >= id);
    }

    [Fact]
    public async Task Polling_AsksForMembershipChanges_SoARemovedOrReaddedBotIsHeard()
    {
        await _bot.StartAsync();

        await _bot.Api.WaitUntilAsync(() => _bot.Api.Requests("getUpdates").Count > 0, Patience);

        var allowed = _bot.Api.Requests("getUpdates")[0].Parameters.GetProperty("allowed_updates").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("my_chat_member", allowed);
        Assert.Contains("message", allowed);
        Assert.Contains("callback_query", allowed);
    }

    [Fact]
    public async Task WebhookBody_ThatCannotBeRead_IsSkipped_AndTheNextOneHandled()
    {
        await _bot.StartAsync();
        var intake = _bot.Services.GetRequiredService<UpdateIntake>();

        Assert.Null(await intake.HandleAsync("<html>not json</html>", CancellationToken.None));
        Assert.Equal(700_001, await intake.HandleAsync("""{"update_id":700001,"message":"broken"}""", CancellationToken.None));
        const int help = 424242; // a message only the webhook body carries
        await intake.HandleAsync(
            $$$"""{"update_id":700002,"message":{"message_id":{{{help}}},"date":1767225600,"chat":{"id":{{{BotHarness.TeamChat}}},"type":"group"},"from":{"id":{{{BotHarness.Officer}}},"is_bot":false,"first_name":"张三"},"text":"/help","entities":[{"type":"bot_command","offset":0,"length":5}]}}""",
            CancellationToken.None);

        await _bot.Api.WaitUntilAsync(() => _bot.Api.Requests("sendMessage").Any(r =>
            r.Parameters.TryGetProperty("reply_parameters", out var reply) && reply.GetProperty("message_id").GetInt32() == help), Patience);
        Assert.True(_bot.Database.Read(s => s.Counters.Get(UpdateRouter.LastUpdateKey)) >= 700_002);
    }
}
