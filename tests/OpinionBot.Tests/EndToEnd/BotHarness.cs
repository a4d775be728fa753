using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpinionBot.Hosting;
using OpinionBot.Settings;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;

namespace OpinionBot.Tests.EndToEnd;

/// <summary>
/// The real bot host wired to a fake Bot API and a test site on loopback, with a real LiteDB file in a temp folder.
/// Start, stop and start again on the same file to test restarts.
/// </summary>
public sealed class BotHarness : IAsyncDisposable
{
    public const long TeamChat = -1001;
    public const long LeadershipChat = -1002;
    public const long SupervisorsChat = -1003;
    public const long Officer = 501;
    public const long Supervisor = 601;
    public const long SecondOfficer = 502;
    public const long Stranger = 999;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opinionbot-tests", Guid.NewGuid().ToString("N"));
    private IHost? _host;

    private BotHarness(FakeBotApi api, TestSite site)
    {
        Api = api;
        Site = site;
        Directory.CreateDirectory(_folder);
    }

    public FakeBotApi Api { get; }
    public TestSite Site { get; }
    public string DatabasePath => Path.Combine(_folder, "opinionbot.db");
    public string FeedUrl => Site.BaseUrl + "/feed.xml";

    /// <summary>Extra settings for this test, applied over the defaults below.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Start with nobody under <c>Access</c>: open mode, where the configured chats are the only boundary.</summary>
    public bool OpenAccess { get; set; }

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("Start the bot first.");

    public OpinionDatabase Database => Services.GetRequiredService<OpinionDatabase>();

    public static async Task<BotHarness> CreateAsync()
    {
        var api = await FakeBotApi.StartAsync();
        var site = await TestSite.StartAsync();
        return new BotHarness(api, site);
    }

    public async Task StartAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = "123456:TEST-TOKEN",
            ["Telegram:ApiBaseUrl"] = Api.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Storage:Path"] = DatabasePath,
            ["Chats:Team"] = TeamChat.ToString(),
            ["Chats:Leadership"] = LeadershipChat.ToString(),
            ["Chats:Supervisors"] = SupervisorsChat.ToString(),
            ["Access:Supervisors:0"] = Supervisor.ToString(),
            ["Access:Officers:0"] = Officer.ToString(),
            ["Access:Officers:1"] = SecondOfficer.ToString(),
            ["Sources:0:Name"] = "县新闻",
            ["Sources:0:Kind"] = "feed",
            ["Sources:0:Url"] = FeedUrl,
            ["Sources:0:Schedule"] = "every 1s",
            ["Topics:0:Name"] = "医院投诉",
            ["Topics:0:Keywords:0"] = "医院",
            ["Topics:0:Keywords:1"] = "投诉",
            ["Fetching:AllowList:0"] = "127.0.0.0/8",
            ["Scheduling:Jitter"] = "00:00:00",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Like the fake, which enforces no flood limits unless a test asks: tests that want pacing and digests set these.
            ["Delivery:GroupMessagesPerMinute"] = "100000",
            ["Delivery:PrivateMessagesPerSecond"] = "100000",
            ["Delivery:MessagesPerSecond"] = "100000",
            ["Delivery:DigestAbove"] = "100000",
        };
        if (OpenAccess)
        {
            foreach (var key in settings.Keys.Where(k => k.StartsWith("Access:", StringComparison.Ordinal)).ToList())
            {
                settings.Remove(key);
            }
        }

        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        // Its own (empty) settings file: whatever appsettings.json lies in the test's working directory is not read.
        var file = Path.Combine(_folder, "appsettings.json");
        File.WriteAllText(file, "{}");
        var builder = OpinionBotHost.CreateBuilder(["--config", file], config => config.AddInMemoryCollection(TestDatabases.Use(settings)));
        _host = builder.Build();
        await _host.StartAsync();
    }

    /// <summary>
    /// Waits until the bot has recorded which message shows the card: Telegram shows a message a moment before the bot
    /// hears back its id, and a reply in that moment cannot be tied to the card.
    /// </summary>
    public Task CardStoredAsync(FakeMessage card) =>
        Api.WaitUntilAsync(() => Database.Read(s => s.Cards.AtMessage(card.ChatId, card.MessageId) is not null));

    /// <summary>
    /// Waits until the source at <paramref name="path"/> has been checked <paramref name="checks"/> more times from start
    /// to end and the outbox is empty, so whatever those checks had to send has gone out. Tests that check that nothing
    /// more appears wait for this rather than for a fixed time, which proves nothing on a slow machine.
    /// </summary>
    public async Task ChecksPassedAsync(string path = "/feed.xml", int checks = 2, TimeSpan? timeout = null)
    {
        // One request more than the checks: a check under way now may have read the site before this call.
        var target = Site.RequestCount(path) + checks + 1;
        var patience = timeout ?? TimeSpan.FromSeconds(30);
        await Api.WaitUntilAsync(() => Site.RequestCount(path) >= target, patience);
        await Api.WaitUntilAsync(() => Database.Read(s => s.Outbox.WaitingCount()) == 0, patience);
    }

    public async Task StopAsync()
    {
        if (_host is null)
        {
            return;
        }

        await _host.StopAsync();
        _host.Dispose();
        _host = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Api.DisposeAsync();
        await Site.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A locked temp file is not worth failing a test over.
        }
    }
}
