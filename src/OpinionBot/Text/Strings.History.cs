namespace OpinionBot.Text;

/// <summary>Texts of <c>/history</c>, the ledger's added columns and the measures (处置措施) told in words.</summary>
public sealed partial class Strings
{
    public string HistoryDescription => Pick("查看某条舆情的处理经过", "Show an incident's history");
    public string HistoryUsage => Pick("/history 编号（或回复舆情卡片）", "/history N (or reply to the card)");
    public string HistoryHeading(string number, int steps, int page, int pages) => Pick(
        $"📜 {number} 处理经过（共 {steps} 条，第 {page}/{pages} 页）",
        $"📜 {number} history ({steps} steps, page {page} of {pages})");

    public string HistoryBot => Pick("系统", "the bot");
    public string HistoryCreated(string source) => Pick($"在「{source}」发现此舆情", $"found this incident on {source}");
    public string HistoryClaimed => Pick("认领并开始核实", "claimed it and began verifying");
    public string HistoryReported => Pick("上报", "reported it up");

    public string HistoryAssigned(string? person, string? department) => (person, department) switch
    {
        ({ } p, { } d) => Pick($"指派给{p}（{d}）", $"assigned it to {p} ({d})"),
        ({ } p, null) => Pick($"指派给{p}", $"assigned it to {p}"),
        (null, { } d) => Pick($"交办{d}", $"handed it to {d}"),
        _ => Pick("指派", "assigned it"),
    };

    public string HistoryEscalated(int? level, bool automatic) => (level, automatic) switch
    {
        (1, false) => Pick("升级至部门负责人", "escalated it to the department lead"),
        (1, true) => Pick("自动升级至部门负责人", "escalated it to the department lead automatically"),
        (_, false) => Pick("升级至领导小组", "escalated it to the leadership group"),
        (_, true) => Pick("自动升级至领导小组", "escalated it to the leadership group automatically"),
    };

    public string HistoryResolved(string? outcome) => outcome is null
        ? Pick("处置完毕", "resolved it")
        : Pick($"处置完毕，处理结果：{outcome}", $"resolved it, handling result: {outcome}");

    public string HistoryClosed => Pick("确认平息", "confirmed it has subsided");
    public string HistoryClosedQuietly => Pick("观察期内未再出现，确认平息", "closed it: quiet through the watch period");
    public string HistoryFalseAlarm => Pick("标记为误报", "marked it a false alarm");
    public string HistorySentBack => Pick("退回", "sent it back");
    public string HistoryReopened => Pick("重新打开", "reopened it");
    public string HistoryNote(string? note) => note is null ? Pick("添加备注", "added a note") : Pick($"添加备注：{note}", $"added a note: {note}");
    public string HistoryGrade(string change) => change.Length == 0
        ? Pick("调整等级", "changed the grade")
        : Pick($"调整等级：{change}", $"changed the grade: {change}");

    public string HistoryMuted(string? until) => until is null
        ? Pick("恢复提醒", "turned reminders back on")
        : Pick($"暂停提醒至 {until}", $"muted reminders until {until}");

    public string HistoryAppeared(string source, bool duringWatch) => duringWatch
        ? Pick($"观察期内再次出现于「{source}」，并入本事件", $"it appeared again on {source} during the watch period; merged into this incident")
        : Pick($"在「{source}」发现转载，并入本事件", $"a repost on {source} was merged into this incident");

    public string HistoryWorsened => Pick("记录舆情恶化", "recorded that it got worse");
    public string HistoryNotice(string department) => Pick($"向{department}发出网络舆情抄告单", $"sent a contact sheet to {department}");
    public string HistoryOther => Pick("其他操作", "another change");
    public string HistoryBecause(string reason) => Pick($"（{reason}）", $" ({reason})");

    /// <summary>A deadline step as the reminder log stores it: <c>report-half</c>, <c>claim-overdue</c>, <c>progress-2</c>.</summary>
    public string ReminderStep(string step) => step switch
    {
        "claim-half" => Pick("提醒：负面舆情认领时限已过半", "reminder: half the time to claim this negative item has passed"),
        "claim-final" => Pick("提醒：负面舆情认领时限即将到期", "reminder: the time to claim this negative item is nearly up"),
        "claim-overdue" => Pick("记录超时未认领", "recorded that it was not claimed in time"),
        "report-half" => Pick("提醒：上报时限已过半", "reminder: half the time to report has passed"),
        "report-final" => Pick("提醒：上报时限即将到期", "reminder: the report deadline is close"),
        "report-overdue" => Pick("记录超时未上报", "recorded that it was not reported in time"),
        _ when step.StartsWith("progress-", StringComparison.Ordinal) =>
            Pick($"提醒：重大舆情第 {step[9..]} 次续报时间已到", $"reminder: major incident progress report no. {step[9..]} is due"),
        _ => Pick("提醒", "reminder"),
    };

    // Ledger columns added for the practice's record (序号, 专题, reach, measures, remarks).
    public string ColSequence => Pick("序号", "No.");
    public string ColTopics => Pick("专题", "Topics");
    public string ColSources => Pick("来源数", "Sources");
    public string ColReposts => Pick("转载数", "Reposts");
    public string ColMeasures => Pick("处置措施", "Measures");
    public string ColRemarks => Pick("备注", "Remarks");
    public string ListSeparator => Pick("；", "; ");

    /// <summary>A deadline cell: the deadline's local time, and how early or late it was met or how long ago it passed.</summary>
    public string DeadlineCell(Incidents.DeadlineState state, string due, TimeSpan margin) => state switch
    {
        Incidents.DeadlineState.Met => Pick($"{due}（按时，提前{Duration(margin)}）", $"{due} (met, {Duration(margin)} early)"),
        Incidents.DeadlineState.Missed => Pick($"{due}（超时{Duration(margin)}）", $"{due} (missed by {Duration(margin)})"),
        Incidents.DeadlineState.Pending => Pick($"{due}（未到期）", $"{due} (pending)"),
        _ => Deadline(state),
    };

    public string RemarkEscalated(int level) => level >= 2
        ? Pick("已升级至领导小组", "escalated to the leadership group")
        : Pick("已升级至部门负责人", "escalated to the department lead");

    public string RemarkSentBack(int times) => Pick($"退回 {times} 次", $"sent back {times} times");
    public string RemarkReappeared => Pick("观察期内再次出现", "appeared again while watched");

    public string MeasureReported(string time, string who) => Pick($"{time} 由{who}上报", $"{time} reported up by {who}");
    public string MeasureAssigned(string time, string to) => Pick($"{time} 交办{to}", $"{time} handed to {to}");
    public string MeasureEscalated(string time, string to) => Pick($"{time} {to}", $"{time} {to}");
    public string MeasureNotice(string time, string department) => Pick($"{time} 向{department}发出网络舆情抄告单", $"{time} contact sheet sent to {department}");
    public string MeasureResolved(string time, string outcome) => Pick($"{time} 处置完毕，处理结果：{outcome}", $"{time} resolved, handling result: {outcome}");
}
