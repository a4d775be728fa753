using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpinionBot.Chat;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;

namespace OpinionBot.Tests.Chat;

/// <summary>
/// The real services (AddOpinionBot) on a real LiteDB file, the real outbox sender and Telegram client talking to the
/// fake Bot API, with one fake clock for the sender and the fake's rate limits. The test drives the sender's drain and
/// moves the clock by the wait it asks for, so minutes of pacing take milliseconds.
/// </summary>
public sealed class DeliveryTestBed : IAsyncDisposable
{
    public const long TeamChat = -1001;
    public const long Officer = 501;

    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-delivery").FullName;
    private ServiceProvider _services = null!;
    private int _item;

    private DeliveryTestBed(FakeBotApi api, FakeTimeProvider time)
    {
        Api = api;
        Time = time;
    }

    public FakeBotApi Api { get; }
    public FakeTimeProvider Time { get; }
    public OutboxSender Sender { get; private set; } = null!;
    public OpinionDatabase Database => _services.GetRequiredService<OpinionDatabase>();

    public static async Task<DeliveryTestBed> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var api = await FakeBotApi.StartAsync(time: time);
        var bed = new DeliveryTestBed(api, time);
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = FakeBotApi.DefaultToken,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Storage:Path"] = Path.Combine(bed._folder, "test.db"),
            ["Chats:Team"] = TeamChat.ToString(),
            ["Access:Officers:0"] = Officer.ToString(),
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestDatabases.Use(settings)).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddOpinionBot(configuration);
        bed._services = services.BuildServiceProvider();
        bed.Sender = ActivatorUtilities.CreateInstance<OutboxSender>(bed._services);
        return bed;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Opens an incident as intake does (its own transaction), which queues its card.</summary>
    public Incident Open(Grade grade = Grade.General, bool negative = false, string topic = "医院投诉")
    {
        var n = ++_item;
        var title = $"第{n}号 县医院被投诉";
        return Database.Write(_ => Get<IncidentService>().Open(new NewAppearance(
            new SourceItem($"http://127.0.0.1/news/{n}", title, title, Time.GetUtcNow()),
            "县新闻", [new TopicMatch(topic, ["投诉"])], Time.GetUtcNow())
        {
            Grade = grade,
            Negative = negative,
            NegativeWords = negative ? ["投诉"] : [],
        }));
    }

    /// <summary>One drain, then the clock moves on by what the sender asked to wait (at least a tick of 10 ms).</summary>
    public async Task DrainAsync()
    {
        var wait = await Sender.DrainOnceAsync(CancellationToken.None);
        Time.Advance(wait > TimeSpan.FromMilliseconds(10) ? wait : TimeSpan.FromMilliseconds(10));
    }

    /// <summary>Drains until nothing waits; throws if that takes more than <paramref name="limit"/> of fake time.</summary>
    public async Task DrainAllAsync(TimeSpan limit)
    {
        var until = Time.GetUtcNow() + limit;
        while (Database.Read(s => s.Outbox.WaitingCount()) > 0)
        {
            if (Time.GetUtcNow() > until)
            {
                throw new TimeoutException($"Outbox not empty after {limit} of fake time.\n{Api.Describe()}");
            }

            await DrainAsync();
        }
    }

    /// <summary>The bot's message in the team chat showing this incident's card.</summary>
    public FakeMessage? CardOf(Incident incident) =>
        Api.Messages(TeamChat).FirstOrDefault(m => m.Text!.StartsWith("🔔", StringComparison.Ordinal) && m.Text.Contains(incident.Number, StringComparison.Ordinal));

    public IReadOnlyList<FakeMessage> Digests() =>
        Api.Messages(TeamChat).Where(m => m.Text!.Contains("舆情汇总", StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        Sender.Dispose();
        await _services.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
