using System.Globalization;
using System.Text.RegularExpressions;
using OpinionBot.Chat;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary>Dates as people type them in commands: <c>2026-11-01</c>, or <c>11-01</c> for this year (<c>/</c> also works).</summary>
public static partial class CommandDates
{
    public static bool TryParse(string token, int currentYear, out DateOnly day)
    {
        day = default;
        var match = Pattern().Match(token);
        if (!match.Success)
        {
            return false;
        }

        var year = match.Groups[1].Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : currentYear;
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var dayOfMonth = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        // Years past 2100 would overflow the period arithmetic (9999-12-31 + 1 day) and mean nothing here.
        if (year < 2000 || year > 2100 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    /// <summary>
    /// A range of local days from up to two words: none is the month of <paramref name="today"/>, one is from that day to
    /// today, two are from and to (inclusive). False for unreadable dates, more words, or a start after the end.
    /// </summary>
    public static bool TryRange(IReadOnlyList<string> words, DateOnly today, out DateOnly from, out DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(words);
        from = new DateOnly(today.Year, today.Month, 1);
        to = from.AddMonths(1).AddDays(-1);
        if (words.Count > 2)
        {
            return false;
        }

        if (words.Count > 0 && !TryParse(words[0], today.Year, out from))
        {
            return false;
        }

        if (words.Count == 1)
        {
            to = today;
        }
        else if (words.Count == 2 && !TryParse(words[1], today.Year, out to))
        {
            return false;
        }

        return from <= to;
    }

    [GeneratedRegex(@"^(?:(\d{4})[-/])?(\d{1,2})[-/](\d{1,2})$")]
    private static partial Regex Pattern();
}
