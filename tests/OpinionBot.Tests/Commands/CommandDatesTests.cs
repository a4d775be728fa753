using OpinionBot.Commands;
using Xunit;

namespace OpinionBot.Tests.Commands;

public sealed class CommandDatesTests
{
    [Theory]
    [InlineData("2026-11-01", "2026-11-01")]
    [InlineData("11-01", "2026-11-01")]
    [InlineData("3-5", "2026-03-05")]
    [InlineData("2024/2/29", "2024-02-29")]
    [InlineData("2026-02-29", null)]
    [InlineData("13-01", null)]
    [InlineData("11-00", null)]
    [InlineData("yesterday", null)]
    [InlineData("2026-11", null)]
    public void TryParse_Token_GivesDayOrFails(string token, string? expected)
    {
        var ok = CommandDates.TryParse(token, 2026, out var day);

        Assert.Equal(expected is not null, ok);
        if (expected is not null)
        {
            Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), day);
        }
    }

    [Theory]
    [InlineData("", "2026-11-01", "2026-11-30")]
    [InlineData("11-10", "2026-11-10", "2026-11-23")]
    [InlineData("2026-10-01 2026-10-31", "2026-10-01", "2026-10-31")]
    [InlineData("11-05 11-05", "2026-11-05", "2026-11-05")]
    [InlineData("11-10 11-01", null, null)]
    [InlineData("11-30", null, null)]
    [InlineData("11-01 11-02 11-03", null, null)]
    public void TryRange_Words_GivesInclusiveRangeOrFails(string words, string? from, string? to)
    {
        var ok = CommandDates.TryRange(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), new DateOnly(2026, 11, 23), out var first, out var last);

        Assert.Equal(from is not null, ok);
        if (from is not null)
        {
            Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to!, System.Globalization.CultureInfo.InvariantCulture)), (first, last));
        }
    }
}
