namespace OpinionBot.Reports;

/// <summary>Local wall-clock time ↔ instants in one zone, without the surprises of <see cref="DateTimeKind"/>.</summary>
public static class ZonedTime
{
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static DateTimeOffset Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>The instant a wall-clock time happens; a time skipped by a clock change moves forward past the gap.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone) => ToInstant(date, TimeOnly.MinValue, zone);

    public static string Format(DateTimeOffset? instant, TimeZoneInfo zone) =>
        instant is { } value ? Local(value, zone).ToString("yyyy-MM-dd HH:mm") : "";
}
