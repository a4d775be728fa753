using BenchmarkDotNet.Attributes;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Text;

namespace OpinionBot.Bench;

/// <summary>The monthly report over 100,000 incidents: the numbers alone, and the whole report with its chart.</summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private static readonly TimeZoneInfo Zone = new ReportsOptions().ResolveZone();
    private static readonly DeadlineOptions Deadlines = new();
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private List<Incident> _incidents = [];

    [Params(100_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
        string[] topics = [.. Enumerable.Range(0, 12).Select(i => $"话题{i}")];
        string[] sources = [.. Enumerable.Range(0, 25).Select(i => $"来源{i}")];
        string[] departments = [.. Enumerable.Range(0, 8).Select(i => $"部门{i}")];
        _incidents = [.. Enumerable.Range(1, Count).Select(n =>
        {
            var found = start.AddMinutes(random.Next(31 * 24 * 60));
            DateTimeOffset? After(int maxMinutes, double chance) =>
                random.NextDouble() < chance ? found.AddMinutes(random.Next(1, maxMinutes)) : null;
            return new Incident
            {
                Id = n,
                Number = $"2026-{n:000000}",
                Title = $"舆情 {n}",
                Url = $"https://bbs.example/t/{n}",
                SourceName = sources[random.Next(sources.Length)],
                Topics = [topics[random.Next(topics.Length)]],
                Discovered = found,
                Grade = (Grade)random.Next(3),
                Negative = random.NextDouble() < 0.4,
                Department = random.NextDouble() < 0.8 ? departments[random.Next(departments.Length)] : null,
                ClaimedAt = After(120, 0.95),
                ReportedAt = After(360, 0.9),
                ResolvedAt = After(5 * 24 * 60, 0.8),
                Status = (IncidentStatus)random.Next(7),
            };
        })];
    }

    [Benchmark]
    public PeriodSummary MonthlyStatistics() =>
        PeriodStatistics.Compute(_incidents, ReportPeriod.MonthContaining(March), Zone, Deadlines, Now);

    [Benchmark]
    public Report MonthlyReportWithChart() =>
        ReportBuilder.Monthly(_incidents, March, Strings.Chinese, Zone, Deadlines, Now);
}
