using System.Globalization;
using System.Text.RegularExpressions;
using Quartz;

namespace OpinionBot.Scheduling;

/// <summary>A source's polling schedule: a fixed interval (<c>every 10m</c>) or a Quartz cron expression.</summary>
public sealed partial record SourceSchedule(TimeSpan? Interval, string? Cron)
{
    public static bool TryParse(string? text, out SourceSchedule schedule, out string error)
    {
        schedule = new SourceSchedule(null, null);
        error = "";
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = "it is empty; use e.g. 'every 10m' or a Quartz cron expression";
            return false;
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
            error = "use a number and a unit, e.g. 'every 30s', 'every 10m', 'every 2h', or a Quartz cron expression";
            return false;
        }

        if (!IsCron(value))
        {
            error = "it is neither an interval such as 'every 10m' nor a valid Quartz cron expression such as '0 0/10 * * * ?'";
            return false;
        }

        schedule = new SourceSchedule(null, value);
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
