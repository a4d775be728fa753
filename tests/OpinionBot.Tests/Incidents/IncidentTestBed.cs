using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;

namespace OpinionBot.Tests.Incidents;

/// <summary>A real LiteDB file, a fake clock and an event recorder around the incident rules.</summary>
public sealed class IncidentTestBed : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-incidents").FullName;

    public IncidentTestBed() => Build();

    /// <summary>Closes the database and builds everything anew on the same file, as a process restart would.</summary>
    public void Restart()
    {
        Database.Dispose();
        Build();
    }

    private void Build()
    {
        Database = TestDatabases.Open(Path.Combine(_folder, "test.db"));
        Service = new IncidentService(Database, Events, Time, Zone, Monitor(Deadlines), Monitor(Escalation), new DepartmentLookup(Monitor(Monitoring)));
        Watch = new DeadlineWatch(Database, Service, Events, Monitor(Deadlines), Monitor(Escalation), Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DeadlineWatch>.Instance);
    }

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 5, 20, 2, 0, 0, TimeSpan.Zero));
    public DeadlineOptions Deadlines { get; } = new();
    public EscalationOptions Escalation { get; } = new();

    /// <summary>One department with a lead (level 1 of the chain); incidents of other departments have no level 1.</summary>
    public MonitoringOptions Monitoring { get; } = new() { Departments = [new Department { Name = "卫健局", Chat = -1009, Lead = 701 }] };
    public RecordedEvents Events { get; } = new();
    public OpinionDatabase Database { get; private set; } = null!;
    public IncidentService Service { get; private set; } = null!;
    public DeadlineWatch Watch { get; private set; } = null!;

    public Incident Open(string title = "县医院被投诉", Grade grade = Grade.General, bool negative = false, string? department = null) =>
        Database.Write(_ => Service.Open(new NewAppearance(
            new SourceItem($"https://news.example.invalid/{Guid.NewGuid():N}", title, title, Time.GetUtcNow().AddMinutes(-3)),
            "县新闻", [new TopicMatch("医院投诉", ["投诉"])], Time.GetUtcNow())
        {
            Grade = grade,
            Negative = negative,
            Department = department,
            NegativeWords = negative ? ["投诉"] : [],
        }));

    public Incident Reload(Incident incident) => Database.Incident(incident.Id);

    public void Dispose()
    {
        Database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static IOptionsMonitor<T> Monitor<T>(T value) => new FixedMonitor<T>(value);

}

/// <summary>Records what the incident rules told the outside world.</summary>
public sealed class RecordedEvents : IIncidentEvents
{
    public List<string> Log { get; } = [];
    public List<Reminder> Reminders { get; } = [];

    public void Opened(Incident incident) => Log.Add($"opened {incident.Number}");

    public void Changed(Incident incident, AuditEntry entry) => Log.Add($"changed {incident.Number} {entry.Action}");

    public void Escalated(Incident incident, AuditEntry entry) => Log.Add($"escalated {incident.Number} to {incident.EscalationLevel} {entry.Comment}");

    public void Reminded(Incident incident, Reminder reminder)
    {
        Reminders.Add(reminder);
        Log.Add($"reminded {incident.Number} {reminder.Kind}");
    }
}
