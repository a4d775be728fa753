using System.Globalization;
using System.Text.RegularExpressions;

namespace OpinionBot.Sources;

/// <summary>
/// Reads the publish times sites print: RFC 822 and RFC 3339 in feeds, and the forms Chinese boards use
/// (<c>2024年5月20日 11:53</c>, <c>05-20 11:53</c>, <c>昨天 10:21</c>, <c>3分钟前</c>, <c>刚刚</c> …).
/// Times without an offset are in the source's time zone; relative ones count back from <paramref name="now"/>.
/// </summary>
public static partial class PublishedDates
{
    public static DateTimeOffset? Parse(string? text, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim().Replace('\u00A0', ' ').Replace('\u3000', ' ');
        return Rfc822(value, zone) ?? Iso(value) ?? Relative(value, zone, now) ?? Absolute(value, zone, now);
    }

    private static DateTimeOffset? Rfc822(string value, TimeZoneInfo zone)
    {
        var m = Rfc822Pattern().Match(value);
        if (!m.Success || Month(m.Groups["mon"].Value) is not { } month)
        {
            return null;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        year = year < 100 ? year + (year < 50 ? 2000 : 1900) : year;
        var local = Make(year, month, Int(m, "d"), Int(m, "h"), Int(m, "min"), Int(m, "s"));
        if (local is null)
        {
            return null;
        }

        var offset = ZoneOffset(m.Groups["z"].Value, zone, local.Value);
        return offset is { } o ? new DateTimeOffset(local.Value, o) : InZone(local.Value, zone);
    }

    private static DateTimeOffset? Iso(string value)
    {
        var m = IsoPattern().Match(value);
        return m.Success && DateTimeOffset.TryParse(m.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : null;
    }

    private static DateTimeOffset? Relative(string value, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (value.Contains("刚刚", StringComparison.Ordinal) || value.Contains("刚才", StringComparison.Ordinal))
        {
            return now;
        }

        if (value.Contains("半小时前", StringComparison.Ordinal))
        {
            return now.AddMinutes(-30);
        }

        var ago = AgoPattern().Match(value);
        if (ago.Success)
        {
            var n = int.Parse(ago.Groups[1].Value, CultureInfo.InvariantCulture);
            return ago.Groups[2].Value switch
            {
                "秒" => now.AddSeconds(-n),
                "分钟" or "分" => now.AddMinutes(-n),
                "小时" or "个小时" => now.AddHours(-n),
                "天" => now.AddDays(-n),
                "周" or "星期" => now.AddDays(-7 * n),
                _ => null,
            };
        }

        var day = DayWordPattern().Match(value);
        if (!day.Success)
        {
            return null;
        }

        var back = day.Groups[1].Value switch { "今天" => 0, "昨天" => 1, _ => 2 };
        var today = TimeZoneInfo.ConvertTime(now, zone).Date.AddDays(-back);
        var time = day.Groups[2].Success
            ? Make(today.Year, today.Month, today.Day, Int(day, "h"), Int(day, "min"), Int(day, "s"))
            : today;
        return time is { } t ? InZone(t, zone) : null;
    }

    private static DateTimeOffset? Absolute(string value, TimeZoneInfo zone, DateTimeOffset now)
    {
        var full = FullDatePattern().Match(value);
        if (full.Success)
        {
            var local = Make(Int(full, "y"), Int(full, "m"), Int(full, "d"), Int(full, "h"), Int(full, "min"), Int(full, "s"));
            return local is { } l ? InZone(l, zone) : null;
        }

        var short_ = MonthDayPattern().Match(value);
        if (!short_.Success)
        {
            return null;
        }

        // No year: this year, unless that would be in the future (a December post read in January).
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var year = localNow.Year;
        var guess = Make(year, Int(short_, "m"), Int(short_, "d"), Int(short_, "h"), Int(short_, "min"), Int(short_, "s"));
        if (guess is { } g && g > localNow.DateTime.AddDays(1))
        {
            guess = Make(year - 1, Int(short_, "m"), Int(short_, "d"), Int(short_, "h"), Int(short_, "min"), Int(short_, "s"));
        }

        return guess is { } t ? InZone(t, zone) : null;
    }

    private static int Int(Match m, string group) =>
        m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    private static DateTime? Make(int year, int month, int day, int hour, int minute, int second) =>
        year is >= 1970 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) &&
        hour is >= 0 and < 24 && minute is >= 0 and < 60 && second is >= 0 and < 61
            ? new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified)
            : null;

    private static DateTimeOffset InZone(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    private static int? Month(string name) => name.Length < 3 ? null : name[..3].ToLowerInvariant() switch
    {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => null,
    };

    private static TimeSpan? ZoneOffset(string zoneText, TimeZoneInfo zone, DateTime local)
    {
        var z = zoneText.Trim().ToUpperInvariant();
        if (z.Length == 5 && z[0] is '+' or '-' && int.TryParse(z.AsSpan(1), CultureInfo.InvariantCulture, out var hhmm))
        {
            var offset = new TimeSpan(hhmm / 100, hhmm % 100, 0);
            return z[0] == '-' ? -offset : offset;
        }

        return z switch
        {
            "GMT" or "UT" or "UTC" or "Z" => TimeSpan.Zero,
            "EST" => TimeSpan.FromHours(-5),
            "EDT" => TimeSpan.FromHours(-4),
            // CST in a Chinese source is China Standard Time, elsewhere US Central.
            "CST" => zone.GetUtcOffset(local) == TimeSpan.FromHours(8) ? TimeSpan.FromHours(8) : TimeSpan.FromHours(-6),
            "CDT" => TimeSpan.FromHours(-5),
            "MST" => TimeSpan.FromHours(-7),
            "MDT" => TimeSpan.FromHours(-6),
            "PST" => TimeSpan.FromHours(-8),
            "PDT" => TimeSpan.FromHours(-7),
            _ => null,
        };
    }

    [GeneratedRegex(@"^(?:[A-Za-z]{3,9},?\s+)?(?<d>\d{1,2})\s+(?<mon>[A-Za-z]{3,9})\.?\s+(?<y>\d{2,4})(?:\s+(?<h>\d{1,2}):(?<min>\d{2})(?::(?<s>\d{2}))?)?\s*(?<z>[+-]\d{4}|[A-Za-z]{1,5})?")]
    private static partial Regex Rfc822Pattern();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})", RegexOptions.IgnoreCase)]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"(\d{1,4})\s*(秒|分钟|分|个小时|小时|天|周|星期)\s*前")]
    private static partial Regex AgoPattern();

    [GeneratedRegex(@"(今天|昨天|前天)\s*(?:(?<h>\d{1,2})[:：](?<min>\d{2})(?:[:：](?<s>\d{2}))?)?")]
    private static partial Regex DayWordPattern();

    [GeneratedRegex(@"(?<y>\d{4})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*日?(?:\s*T?\s*(?<h>\d{1,2})[:：时](?<min>\d{1,2})(?:[:：分](?<s>\d{1,2}))?)?")]
    private static partial Regex FullDatePattern();

    [GeneratedRegex(@"(?<![\d.])(?<m>\d{1,2})\s*[-/月]\s*(?<d>\d{1,2})\s*日?(?:\s+(?<h>\d{1,2})[:：](?<min>\d{2})(?::(?<s>\d{2}))?)?(?![\d/])")]
    private static partial Regex MonthDayPattern();
}
