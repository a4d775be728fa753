using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Settings;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;

namespace OpinionBot.Tests.Reports;

/// <summary>A real LiteDB file, a fake clock, the outbox and the report dispatch, restartable on the same file.</summary>
public sealed class ReportTestBed : IDisposable
{
    public const long Team = -1001;
    public const long Supervisors = -1003;

    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-reports").FullName;

    public ReportTestBed(DateTimeOffset now, long supervisors = Supervisors)
    {
        Time = new FakeTimeProvider(now);
        Chats = new ChatsOptions { Team = Team, Supervisors = supervisors };
        Build();
    }

    public FakeTimeProvider Time { get; }
    public ChatsOptions Chats { get; }
    public ReportsOptions Reports { get; } = new();
    public DeadlineOptions Deadlines { get; } = new();
    public OpinionDatabase Database { get; private set; } = null!;
    public ReportDispatch Dispatch { get; private set; } = null!;

    /// <summary>Closes the database and builds everything anew on the same file, as a process restart would.</summary>
    public void Restart()
    {
        Database.Dispose();
        Build();
    }

    public List<OutboxMessage> Outbox() => [.. Database.Read(s => s.Outbox.QueuedAfter(0))];

    public void Dispose()
    {
        Database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Build()
    {
        Database = TestDatabases.Open(Path.Combine(_folder, "test.db"));
        Dispatch = new ReportDispatch(
            Database, new Outbox(Database, Time), Monitor(Reports), Monitor(Deadlines), Monitor(Chats),
            new OpinionBot.Chat.ChatLanguages(Database, Monitor(new MonitoringOptions())), Time, NullLogger<ReportDispatch>.Instance);
    }

    private static IOptionsMonitor<T> Monitor<T>(T value) => new FixedMonitor<T>(value);

}
