namespace OpinionBot.Reports;

/// <summary>The <c>Reports</c> section: when the daily, weekly and monthly reports run, and how evidence is numbered.</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>IANA (or Windows) id of the office's time zone; days, deadlines and schedules are read in it.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Daily report time, before the end of the working day (下班前汇报).</summary>
    public TimeOnly DailyAt { get; set; } = new(17, 30);

    /// <summary>False skips the daily report on Saturday and Sunday; the weekly report still covers them.</summary>
    public bool DailyOnWeekends { get; set; } = true;

    public DayOfWeek WeeklyOn { get; set; } = DayOfWeek.Monday;
    public TimeOnly WeeklyAt { get; set; } = new(9, 0);

    /// <summary>Day of the month (1–28) the monthly report for the previous month runs.</summary>
    public int MonthlyOn { get; set; } = 1;
    public TimeOnly MonthlyAt { get; set; } = new(9, 0);

    /// <summary>How many items the daily report lists with links.</summary>
    public int TopItems { get; set; } = 5;

    /// <summary>Topic name → evidence category code (2–4 capital letters), e.g. <c>"医院投诉": "YL"</c>.</summary>
    public Dictionary<string, string> EvidenceCategories { get; set; } = [];

    /// <summary>Category code for incidents whose topics have no code (其他).</summary>
    public string DefaultEvidenceCategory { get; set; } = "QT";

    /// <summary>The configured zone; a fixed UTC+8 for Asia/Shanghai when the host has no time-zone data (slim containers).</summary>
    public TimeZoneInfo ResolveZone()
    {
        if (Sources.TimeZones.TryResolve(TimeZone, out var zone))
        {
            return zone;
        }

        // China has had no daylight saving since 1991, so the shared fixed-offset fallback is exact for it.
        return TimeZone is "Asia/Shanghai" or "China Standard Time" or "PRC"
            ? Sources.TimeZones.Resolve(Sources.TimeZones.Default)
            : throw new InvalidOperationException($"Reports:TimeZone '{TimeZone}' is unknown on this host.");
    }
}
