using System.Globalization;
using System.Text.RegularExpressions;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary>The words commands accept, in Chinese and English, as tables a reader can check.</summary>
public static partial class CommandWords
{
    private static readonly Dictionary<string, Grade> Grades = new(StringComparer.OrdinalIgnoreCase)
    {
        ["重大"] = Grade.Major,
        ["major"] = Grade.Major,
        ["较大"] = Grade.Larger,
        ["larger"] = Grade.Larger,
        ["一般"] = Grade.General,
        ["general"] = Grade.General,
    };

    private static readonly Dictionary<string, HandlingOutcome> Outcomes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["澄清回应"] = HandlingOutcome.Clarified,
        ["澄清"] = HandlingOutcome.Clarified,
        ["clarified"] = HandlingOutcome.Clarified,
        ["删帖处理"] = HandlingOutcome.TakenDown,
        ["删帖"] = HandlingOutcome.TakenDown,
        ["takendown"] = HandlingOutcome.TakenDown,
        ["takedown"] = HandlingOutcome.TakenDown,
        ["冷处理"] = HandlingOutcome.ColdHandling,
        ["cold"] = HandlingOutcome.ColdHandling,
        ["coldhandling"] = HandlingOutcome.ColdHandling,
        ["属实通报"] = HandlingOutcome.ConfirmedAndAnnounced,
        ["通报"] = HandlingOutcome.ConfirmedAndAnnounced,
        ["confirmed"] = HandlingOutcome.ConfirmedAndAnnounced,
        ["情况说明"] = HandlingOutcome.Explanation,
        ["说明"] = HandlingOutcome.Explanation,
        ["explanation"] = HandlingOutcome.Explanation,
        ["其他"] = HandlingOutcome.Other,
        ["other"] = HandlingOutcome.Other,
    };

    private static readonly Dictionary<string, IncidentStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["新发现"] = IncidentStatus.New,
        ["new"] = IncidentStatus.New,
        ["核实中"] = IncidentStatus.Claimed,
        ["claimed"] = IncidentStatus.Claimed,
        ["已上报"] = IncidentStatus.Reported,
        ["reported"] = IncidentStatus.Reported,
        ["处置中"] = IncidentStatus.Handling,
        ["handling"] = IncidentStatus.Handling,
        ["已处置"] = IncidentStatus.Resolved,
        ["resolved"] = IncidentStatus.Resolved,
        ["已平息"] = IncidentStatus.Closed,
        ["closed"] = IncidentStatus.Closed,
        ["误报"] = IncidentStatus.FalseAlarm,
        ["falsealarm"] = IncidentStatus.FalseAlarm,
    };

    private static readonly Dictionary<string, Role> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["分管领导"] = Role.Supervisor,
        ["领导"] = Role.Supervisor,
        ["supervisor"] = Role.Supervisor,
        ["监测员"] = Role.Officer,
        ["值班员"] = Role.Officer,
        ["officer"] = Role.Officer,
        ["成员"] = Role.Member,
        ["网评员"] = Role.Member,
        ["member"] = Role.Member,
    };

    public static bool TryGrade(string word, out Grade grade) => Grades.TryGetValue(word, out grade);

    public static bool TryOutcome(string word, out HandlingOutcome outcome) => Outcomes.TryGetValue(word.Replace("-", "", StringComparison.Ordinal), out outcome);

    public static bool TryStatus(string word, out IncidentStatus status) => Statuses.TryGetValue(word, out status);

    public static bool TryRole(string word, out Role role) => Roles.TryGetValue(word, out role);

    public static bool IsAll(string word) => word is "全部" || word.Equals("all", StringComparison.OrdinalIgnoreCase);

    public static bool IsOverdue(string word) => word is "逾期" || word.Equals("overdue", StringComparison.OrdinalIgnoreCase);

    public static bool IsMe(string word) => word is "我" || word.Equals("me", StringComparison.OrdinalIgnoreCase) || word.Equals("mine", StringComparison.OrdinalIgnoreCase);

    public static bool IsOff(string word) => word is "取消" or "0" || word.Equals("off", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>30m</c>, <c>2h</c>, <c>1d</c>, <c>2小时</c>, <c>30分钟</c>, <c>1天</c>.</summary>
    public static bool TryDuration(string word, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(word);
        if (!match.Success)
        {
            return false;
        }

        var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        duration = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "m" or "min" or "分" or "分钟" => TimeSpan.FromMinutes(amount),
            "h" or "小时" or "时" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return amount > 0;
    }

    /// <summary><c>08:00</c>.</summary>
    public static bool TryTime(string word, out TimeOnly time) =>
        TimeOnly.TryParseExact(word, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary><c>2026-11-24</c> and <c>08:00</c>, as a wall-clock time.</summary>
    public static bool TryDateTime(string date, string time, out DateTime value) =>
        DateTime.TryParseExact($"{date} {time}", ["yyyy-MM-dd HH:mm", "yyyy-M-d H:mm", "yyyy-MM-dd H:mm", "yyyy/M/d H:mm"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>Weekly (7 days, from Monday) or daily (1) turns.</summary>
    public static int? RotationDays(string word) => word.ToLowerInvariant() switch
    {
        "weekly" or "每周" or "周" => 7,
        "daily" or "每天" or "每日" or "天" => 1,
        _ => null,
    };

    [GeneratedRegex(@"^(\d{1,4})\s*(m|min|分钟|分|h|小时|时|d|天)$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();
}
