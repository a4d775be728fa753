using OpinionBot.Incidents;
using OpinionBot.Reports;

namespace OpinionBot.Tests.Reports;

/// <summary>
/// Eight incidents around March 2026 (Beijing) whose numbers the tests know by heart. In March, not counting the
/// false alarm (0006) nor 0007 (1 April, 00:30 local): 6 incidents, 2 重大 / 1 较大 / 3 一般; median claim 30 min,
/// report 180 min, resolve 17 h; report deadlines met 重大 2/2, 较大 0/1, 一般 1/3; claim deadlines met 3/4.
/// </summary>
public static class ReportFixtures
{
    public static readonly TimeZoneInfo Zone = new ReportsOptions().ResolveZone();

    /// <summary>The practice's windows: report 2/3/4 h by grade, claim a negative item within 1 h.</summary>
    public static readonly DeadlineOptions Deadlines = new();

    /// <summary>Well after everything happened.</summary>
    public static readonly DateTimeOffset Later = At("2026-04-10 12:00");

    public static DateTimeOffset At(string local) => DateTimeOffset.Parse(local + " +08:00");

    public static List<Incident> March() =>
    [
        Make(1, "2026-03-02 09:00", Grade.Major, true, ["医院投诉"], "本地论坛", "卫健委", claim: 30, report: 90, resolve: 600,
            IncidentStatus.Resolved, appearances: [("本地论坛", "2026-03-02 08:10"), ("微博", "2026-03-02 08:40")]),
        Make(2, "2026-03-02 14:00", Grade.Larger, true, ["医院投诉"], "微博", "卫健委", claim: 70, report: 240, resolve: 1440, IncidentStatus.Closed),
        Make(3, "2026-03-03 10:00", Grade.General, false, ["教育"], "新闻网", "教育局", claim: 120, report: 180, resolve: 2880, IncidentStatus.Resolved),
        Make(4, "2026-03-03 11:00", Grade.General, true, ["教育", "医院投诉"], "本地论坛", null, claim: 20, report: 480, resolve: null, IncidentStatus.Handling),
        Make(5, "2026-03-03 16:00", Grade.Major, true, ["医院投诉"], "微博", null, claim: 10, report: 60, resolve: 360, IncidentStatus.Resolved),
        Make(6, "2026-03-05 09:00", Grade.General, false, [], "新闻网", null, null, null, null, IncidentStatus.FalseAlarm),
        Make(7, "2026-04-01 00:30", Grade.Major, true, ["医院投诉"], "微博", null, null, null, null, IncidentStatus.New),
        Make(8, "2026-03-31 23:30", Grade.General, false, [], "贴吧", null, null, null, null, IncidentStatus.New),
    ];

    private static Incident Make(
        int n, string discovered, Grade grade, bool negative, List<string> topics, string source, string? department,
        int? claim, int? report, int? resolve, IncidentStatus status, (string Source, string Published)[]? appearances = null)
    {
        var found = At(discovered);
        var incident = new Incident
        {
            Id = n,
            Number = $"2026-{n:0000}",
            Title = $"测试舆情 {n}",
            Url = $"https://forum.example.invalid/t/{n}",
            SourceName = source,
            Topics = topics,
            Discovered = found,
            Published = found.AddMinutes(-30),
            Grade = grade,
            Negative = negative,
            Department = department,
            AssigneeId = claim is null ? null : 100 + n,
            ClaimedAt = claim is { } c ? found.AddMinutes(c) : null,
            ReportedAt = report is { } r ? found.AddMinutes(r) : null,
            ResolvedAt = resolve is { } s ? found.AddMinutes(s) : null,
            Status = status,
            Outcome = resolve is null ? null : HandlingOutcome.Clarified,
        };
        foreach (var (name, published) in appearances ?? [])
        {
            incident.Appearances.Add(new Appearance
            {
                SourceName = name,
                Url = $"https://{name}.example.invalid/{n}",
                Title = incident.Title,
                Published = At(published),
                Discovered = found,
            });
        }

        return incident;
    }
}
