using OpinionBot.Incidents;

namespace OpinionBot.Reports;

/// <summary>A built report: Telegram HTML, the numbers behind it, and for weekly and monthly reports the trend chart.</summary>
public sealed record Report(ReportKind Kind, ReportPeriod Period, string Title, string Html, PeriodSummary Summary, byte[]? ChartPng)
{
    /// <summary>The daily report's lists; null for weekly and monthly reports.</summary>
    public DailyDetails? Daily { get; init; }

    /// <summary>The HTML cut into messages under Telegram's 4,096-character limit.</summary>
    public IReadOnlyList<string> Messages => TelegramText.Split(Html);
}

/// <summary>What the daily report lists: open incidents (as of its moment), the overdue ones, and the top new items.</summary>
public sealed record DailyDetails(IReadOnlyList<Incident> Open, IReadOnlyList<Incident> Overdue, IReadOnlyList<Incident> Top);
