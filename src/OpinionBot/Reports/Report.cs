using OpinionBot.Incidents;

namespace OpinionBot.Reports;

/// <summary>
/// A built report: Telegram HTML and the numbers behind it. Weekly and monthly reports also have a trend chart, drawn
/// from <see cref="PeriodSummary.Days"/> when it is sent (<see cref="TrendChart"/>), not while the report is built.
/// </summary>
public sealed record Report(ReportKind Kind, ReportPeriod Period, string Title, string Html, PeriodSummary Summary)
{
    public bool HasChart => Kind != ReportKind.Daily;

    /// <summary>The daily report's lists; null for weekly and monthly reports.</summary>
    public DailyDetails? Daily { get; init; }

    /// <summary>The HTML cut into messages under Telegram's 4,096-character limit.</summary>
    public IReadOnlyList<string> Messages => TelegramText.Split(Html);
}

/// <summary>What the daily report lists: open incidents (as of its moment), the overdue ones, and the top new items.</summary>
public sealed record DailyDetails(IReadOnlyList<Incident> Open, IReadOnlyList<Incident> Overdue, IReadOnlyList<Incident> Top);
