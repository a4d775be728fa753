using Microsoft.Extensions.Options;

namespace OpinionBot.Reports;

/// <summary>
/// When the next daily, weekly and monthly reports run. Pure calculations over an injected clock, so the Quartz jobs
/// (or a test with <c>FakeTimeProvider</c>) agree on the same instants.
/// </summary>
public sealed class ReportSchedule(IOptions<ReportsOptions> options, TimeProvider time)
{
    public DateTimeOffset Next(ReportKind kind) => Next(kind, time.GetUtcNow(), options.Value);

    /// <summary>The first run of <paramref name="kind"/> strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset Next(ReportKind kind, DateTimeOffset now, ReportsOptions options)
    {
        var zone = options.ResolveZone();
        var day = ZonedTime.LocalDate(now, zone);
        // A monthly run is at most one month away; 62 days covers any calendar.
        for (var i = 0; i < 62; i++, day = day.AddDays(1))
        {
            if (RunsOn(kind, day, options) is { } at && ZonedTime.ToInstant(day, at, zone) is var instant && instant > now)
            {
                return instant;
            }
        }

        throw new InvalidOperationException($"No {kind} report time found after {now:O}; check the Reports settings.");
    }

    /// <summary>
    /// The last run of <paramref name="kind"/> at or before <paramref name="at"/>, or null when none falls in the two
    /// months before. A late or caught-up firing uses it to find the run it stands for.
    /// </summary>
    public static DateTimeOffset? Previous(ReportKind kind, DateTimeOffset at, ReportsOptions options)
    {
        var zone = options.ResolveZone();
        var day = ZonedTime.LocalDate(at, zone);
        for (var i = 0; i < 62; i++, day = day.AddDays(-1))
        {
            if (RunsOn(kind, day, options) is { } time && ZonedTime.ToInstant(day, time, zone) is var instant && instant <= at)
            {
                return instant;
            }
        }

        return null;
    }

    /// <summary>A Quartz cron expression for the same times (use with the configured time zone).</summary>
    public static string Cron(ReportKind kind, ReportsOptions options) => kind switch
    {
        ReportKind.Weekly => $"0 {options.WeeklyAt.Minute} {options.WeeklyAt.Hour} ? * {options.WeeklyOn.ToString()[..3].ToUpperInvariant()}",
        ReportKind.Monthly => $"0 {options.MonthlyAt.Minute} {options.MonthlyAt.Hour} {options.MonthlyOn} * ?",
        _ => $"0 {options.DailyAt.Minute} {options.DailyAt.Hour} ? * {(options.DailyOnWeekends ? "*" : "MON-FRI")}",
    };

    private static TimeOnly? RunsOn(ReportKind kind, DateOnly day, ReportsOptions options) => kind switch
    {
        ReportKind.Weekly => day.DayOfWeek == options.WeeklyOn ? options.WeeklyAt : null,
        ReportKind.Monthly => day.Day == options.MonthlyOn ? options.MonthlyAt : null,
        _ => options.DailyOnWeekends || day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) ? options.DailyAt : null,
    };
}
