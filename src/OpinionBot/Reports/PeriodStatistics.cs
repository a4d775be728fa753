using OpinionBot.Incidents;

namespace OpinionBot.Reports;

/// <summary>Computes a <see cref="PeriodSummary"/> in one pass over the incidents; fast enough for 100,000 a month.</summary>
public static class PeriodStatistics
{
    /// <summary>Topic or department left empty.</summary>
    public const string Unassigned = "";

    /// <param name="incidents">Any incidents; only those discovered within the period count.</param>
    /// <param name="deadlines">The configured deadline windows (section <c>Deadlines</c>).</param>
    /// <param name="now">Decides which unmet deadlines are missed rather than pending, and what is still open.</param>
    public static PeriodSummary Compute(
        IEnumerable<Incident> incidents, ReportPeriod period, TimeZoneInfo zone, DeadlineOptions deadlines, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(deadlines);
        // Day boundaries once, then a binary search per incident: no time-zone conversion in the loop.
        var boundaries = Enumerable.Range(0, period.DayCount + 1)
            .Select(i => ZonedTime.StartOfDay(period.First.AddDays(i), zone).UtcTicks)
            .ToArray();
        var start = boundaries[0];
        var end = boundaries[^1];
        var days = new int[period.DayCount, 3];
        var byGrade = new int[3];
        var met = new int[3];
        var decided = new int[3];
        int total = 0, negative = 0, falseAlarms = 0, open = 0, claimMet = 0, claimDecided = 0;
        var topics = new Dictionary<string, int>();
        var sources = new Dictionary<string, int>();
        var departments = new Dictionary<string, int>();
        List<long> toClaim = [], toReport = [], toResolve = [];

        foreach (var incident in incidents)
        {
            var discovered = incident.Discovered.UtcTicks;
            if (discovered < start || discovered >= end)
            {
                continue;
            }

            if (incident.Status == IncidentStatus.FalseAlarm)
            {
                falseAlarms++;
                continue;
            }

            var grade = (int)incident.Grade is >= 0 and <= 2 ? (int)incident.Grade : 0;
            total++;
            byGrade[grade]++;
            var day = Array.BinarySearch(boundaries, discovered);
            days[day >= 0 ? day : ~day - 1, grade]++;
            negative += incident.Negative ? 1 : 0;
            open += Lifecycle.WasOpenAt(incident, now) ? 1 : 0;

            if (incident.Topics.Count == 0)
            {
                Add(topics, Unassigned);
            }

            for (var t = 0; t < incident.Topics.Count; t++)
            {
                // A topic listed twice counts once; lists are short, so no set is allocated.
                if (incident.Topics.IndexOf(incident.Topics[t]) == t)
                {
                    Add(topics, incident.Topics[t]);
                }
            }

            Add(sources, incident.SourceName);
            Add(departments, incident.Department ?? Unassigned);
            Since(incident.Discovered, incident.ClaimedAt, now, toClaim);
            Since(incident.Discovered, incident.ReportedAt, now, toReport);
            Since(incident.Discovered, incident.ResolvedAt, now, toResolve);

            switch (ReportDeadline.ReportState(incident, deadlines, now))
            {
                case DeadlineState.Met: met[grade]++; decided[grade]++; break;
                case DeadlineState.Missed: decided[grade]++; break;
            }

            switch (ReportDeadline.ClaimState(incident, deadlines, now))
            {
                case DeadlineState.Met: claimMet++; claimDecided++; break;
                case DeadlineState.Missed: claimDecided++; break;
            }
        }

        var perDay = Enumerable.Range(0, period.DayCount)
            .Select(i => new DayCount(period.First.AddDays(i), days[i, 0], days[i, 1], days[i, 2]))
            .ToList();
        return new PeriodSummary(
            period, total, negative, falseAlarms, open,
            Grades().ToDictionary(g => g, g => byGrade[(int)g]),
            Sorted(topics), Sorted(sources), Sorted(departments),
            Median(toClaim), Median(toReport), Median(toResolve),
            Grades().ToDictionary(g => g, g => new DeadlineShare(met[(int)g], decided[(int)g])),
            new DeadlineShare(claimMet, claimDecided),
            perDay,
            perDay.Where(d => d.Total > 0).OrderByDescending(d => d.Total).ThenBy(d => d.Day).Take(3).ToList());
    }

    /// <summary>The middle value (mean of the two middle ones for an even count); null when there is none.</summary>
    public static TimeSpan? Median(List<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return null;
        }

        ticks.Sort();
        var middle = ticks.Count / 2;
        return TimeSpan.FromTicks(ticks.Count % 2 == 1 ? ticks[middle] : (ticks[middle - 1] + ticks[middle]) / 2);
    }

    private static IEnumerable<Grade> Grades() => [Grade.Major, Grade.Larger, Grade.General];

    private static void Since(DateTimeOffset from, DateTimeOffset? to, DateTimeOffset now, List<long> into)
    {
        // A step recorded after "now" had not happened yet when the report is as of "now".
        if (to is { } at && at <= now && at >= from)
        {
            into.Add((at - from).Ticks);
        }
    }

    private static void Add(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static List<Tally> Sorted(Dictionary<string, int> counts) => counts
        .Select(p => new Tally(p.Key, p.Value))
        .OrderByDescending(t => t.Count)
        .ThenBy(t => t.Name, StringComparer.Ordinal)
        .ToList();
}
