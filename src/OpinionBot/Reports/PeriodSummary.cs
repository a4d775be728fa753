using OpinionBot.Incidents;

namespace OpinionBot.Reports;

/// <summary>Incidents discovered on one local day, by grade.</summary>
public sealed record DayCount(DateOnly Day, int General, int Larger, int Major)
{
    public int Total => General + Larger + Major;

    public int Of(Grade grade) => grade switch
    {
        Grade.Major => Major,
        Grade.Larger => Larger,
        _ => General,
    };
}

/// <summary>A name and how many incidents it has (a topic, a source, a department).</summary>
public sealed record Tally(string Name, int Count);

/// <summary>How many deadlines were met among those already decided (pending ones are left out).</summary>
public sealed record DeadlineShare(int Met, int Decided)
{
    public double? Share => Decided == 0 ? null : (double)Met / Decided;
}

/// <summary>The numbers of one report period. False alarms are counted apart and left out of everything else.</summary>
public sealed record PeriodSummary(
    ReportPeriod Period,
    int Total,
    int Negative,
    int FalseAlarms,
    int StillOpen,
    IReadOnlyDictionary<Grade, int> ByGrade,
    IReadOnlyList<Tally> ByTopic,
    IReadOnlyList<Tally> BySource,
    IReadOnlyList<Tally> ByDepartment,
    TimeSpan? MedianToClaim,
    TimeSpan? MedianToReport,
    TimeSpan? MedianToResolve,
    IReadOnlyDictionary<Grade, DeadlineShare> ReportDeadlines,
    DeadlineShare ClaimDeadlines,
    IReadOnlyList<DayCount> Days,
    IReadOnlyList<DayCount> BusiestDays);
