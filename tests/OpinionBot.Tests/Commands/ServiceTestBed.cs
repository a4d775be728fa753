using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpinionBot.Chat;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.People;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;

namespace OpinionBot.Tests.Commands;

/// <summary>
/// The real service collection (AddOpinionBot) on a real LiteDB file, with a clock the test controls. Nothing is
/// started: tests call the roster, handover and deadline code directly and read what landed in the outbox.
/// </summary>
public sealed class ServiceTestBed : IDisposable
{
    public const long TeamChat = -1001;
    public const long Supervisor = 601;
    public const long Officer = 501;
    public const long SecondOfficer = 502;
    public const long ThirdOfficer = 503;

    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-commands").FullName;
    private readonly ServiceProvider _services;

    /// <summary>Starts on Monday 2026-11-23 10:00 in Shanghai.</summary>
    public ServiceTestBed(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = "123456:TEST-TOKEN",
            ["Storage:Path"] = Path.Combine(_folder, "test.db"),
            ["Chats:Team"] = TeamChat.ToString(),
            ["Chats:Leadership"] = "-1002",
            ["Access:Supervisors:0"] = Supervisor.ToString(),
            ["Access:Officers:0"] = Officer.ToString(),
            ["Access:Officers:1"] = SecondOfficer.ToString(),
            ["Access:Officers:2"] = ThirdOfficer.ToString(),
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestDatabases.Use(settings)).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddOpinionBot(configuration);
        _services = services.BuildServiceProvider();
        Database.Write(_ =>
        {
            foreach (var (id, name) in new[] { (Officer, "张三"), (SecondOfficer, "李四"), (ThirdOfficer, "王五"), (Supervisor, "赵主任") })
            {
                Get<PeopleDirectory>().Remember(id, name, null, null);
            }
        });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    public OpinionDatabase Database => Get<OpinionDatabase>();

    public IServiceProvider Services => _services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Incident Open(string title = "县医院被投诉", Grade grade = Grade.General) =>
        Database.Write(_ => Get<IncidentService>().Open(new NewAppearance(
            new SourceItem($"https://news.example.invalid/{Guid.NewGuid():N}", title, title, Time.GetUtcNow().AddMinutes(-3)),
            "县新闻", [new TopicMatch("医院投诉", ["投诉"])], Time.GetUtcNow())
        { Grade = grade }));

    /// <summary>Texts queued for a chat, oldest first.</summary>
    public List<string> Sent(long chatId) =>
        Database.Read(s => s.Outbox.QueuedAfter(0)).Where(m => m.ChatId == chatId && m.Kind == OutboxKind.Send).Select(m => m.Text).ToList();

    /// <summary>Moves the clock to this wall-clock time in Shanghai.</summary>
    public void SetLocal(int month, int day, int hour, int minute = 0) =>
        Time.SetUtcNow(new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)));

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
