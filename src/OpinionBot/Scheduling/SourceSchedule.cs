using System.Globalization;
using System.Text.RegularExpressions;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>
/// A source's polling schedule: the preset <c>morning-noon-evening</c> (the practice's three daily checks, at
/// <see cref="DailyTimes"/>), a fixed interval (<c>every 10m</c>) or a Quartz cron expression.
/// </summary>
public sealed partial record SourceSchedule(TimeSpan? Interval, string? Cron, IReadOnlyList<TimeOnly>? DailyTimes = null)
{
    public const string MorningNoonEvening = "morning-noon-evening";

    public static IReadOnlyList<TimeOnly> DefaultDailyTimes { get; } = [new(8, 0), new(12, 0), new(18, 0)];

    public static bool TryParse(string? text, out SourceSchedule schedule, out string error) =>
        TryParse(text, DefaultDailyTimes, out schedule, out error);

    /// <param name="dailyTimes">The preset's times (from <see cref="SchedulingOptions.MorningNoonEvening"/>).</param>
    public static bool TryParse(string? text, IReadOnlyList<TimeOnly> dailyTimes, out SourceSchedule schedule, out string error)
    {
        schedule = new SourceSchedule(null, null);
        error = "";
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = "it is empty; use 'morning-noon-evening', e.g. 'every 10m', or a Quartz cron expression";
            return false;
        }

        if (value.Equals(MorningNoonEvening, StringComparison.OrdinalIgnoreCase) || value is "早中晚" or "morning/noon/evening")
        {
            schedule = new SourceSchedule(null, null, dailyTimes.Count > 0 ? dailyTimes : DefaultDailyTimes);
            return true;
        }

        var every = EveryPattern().Match(value);
        if (every.Success)
        {
            var amount = int.Parse(every.Groups[1].Value, CultureInfo.InvariantCulture);
            var interval = every.Groups[2].Value.ToLowerInvariant() switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
            if (interval < TimeSpan.FromSeconds(1))
            {
                error = "the interval must be at least 1s, e.g. 'every 10m'";
                return false;
            }

            schedule = new SourceSchedule(interval, null);
            return true;
        }

        if (value.StartsWith("every", StringComparison.OrdinalIgnoreCase))
        {
            error = "use a number and a unit, e.g. 'every 30s', 'every 10m', 'every 2h', or 'morning-noon-evening', or a Quartz cron expression";
            return false;
        }

        if (!IsCron(value))
        {
            error = "it is neither the preset 'morning-noon-evening', an interval such as 'every 10m', nor a valid Quartz cron expression such as '0 0/10 * * * ?'";
            return false;
        }

        schedule = new SourceSchedule(null, value);
        return true;
    }

    /// <summary>Parses the configured preset times (<c>08:00</c>); a wrong entry is reported, not skipped.</summary>
    public static bool TryParseTimes(IEnumerable<string> texts, out IReadOnlyList<TimeOnly> times, out string error)
    {
        var list = new List<TimeOnly>();
        times = list;
        error = "";
        foreach (var text in texts)
        {
            if (!TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                error = $"'{text}' is not a time like 08:00";
                return false;
            }

            list.Add(time);
        }

        return true;
    }

    private static bool IsCron(string value)
    {
        try
        {
            _ = new CronExpression(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^every\s+(\d{1,6})\s*([smhd])$", RegexOptions.IgnoreCase)]
    private static partial Regex EveryPattern();
}
