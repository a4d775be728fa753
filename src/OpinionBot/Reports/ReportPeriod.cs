namespace OpinionBot.Reports;

public enum ReportKind
{
    Daily = 0,
    Weekly = 1,
    Monthly = 2,
}

/// <summary>The local days a report covers, first and last inclusive. Weeks run Monday to Sunday.</summary>
public sealed record ReportPeriod(ReportKind Kind, DateOnly First, DateOnly Last)
{
    public static ReportPeriod Day(DateOnly day) => new(ReportKind.Daily, day, day);

    public static ReportPeriod WeekContaining(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new(ReportKind.Weekly, monday, monday.AddDays(6));
    }

    public static ReportPeriod MonthContaining(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return new(ReportKind.Monthly, first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>The period of that kind which contains <paramref name="day"/> (what <c>/report weekly 2026-03-10</c> means).</summary>
    public static ReportPeriod Containing(ReportKind kind, DateOnly day) => kind switch
    {
        ReportKind.Weekly => WeekContaining(day),
        ReportKind.Monthly => MonthContaining(day),
        _ => Day(day),
    };

    /// <summary>
    /// What a scheduled run on <paramref name="runDay"/> reports: the daily report covers that day, the weekly report
    /// the week before, the monthly report the month before.
    /// </summary>
    public static ReportPeriod ScheduledOn(ReportKind kind, DateOnly runDay) => kind switch
    {
        ReportKind.Weekly => WeekContaining(runDay.AddDays(-7)),
        ReportKind.Monthly => MonthContaining(new DateOnly(runDay.Year, runDay.Month, 1).AddDays(-1)),
        _ => Day(runDay),
    };

    public int DayCount => Last.DayNumber - First.DayNumber + 1;

    public DateTimeOffset Start(TimeZoneInfo zone) => ZonedTime.StartOfDay(First, zone);

    /// <summary>Exclusive end: the start of the day after <see cref="Last"/>.</summary>
    public DateTimeOffset End(TimeZoneInfo zone) => ZonedTime.StartOfDay(Last.AddDays(1), zone);

    public bool Contains(DateOnly day) => day >= First && day <= Last;
}
