using OpinionBot.Incidents;

namespace OpinionBot.Text;

/// <summary>Deadlines, reminders, escalations and notes.</summary>
public sealed partial class Strings
{
    public string DeadlineLabel(DeadlineKind kind) => kind == DeadlineKind.Claim ? Pick("认领时限", "Claim by") : Pick("上报时限", "Report by");
    public string Overdue => Pick("⛔ 已逾期", "⛔ overdue");
    public string LastNote => Pick("最新备注", "Last note");
    public string DepartmentLabel => Pick("责任部门", "Department");
    public string ReportedLabel => Pick("上报时间", "Reported");
    public string OutcomeLabel => Pick("处理结果", "Outcome");
    public string GradeWhy => Pick("定级依据", "Why");

    public string Left(TimeSpan left) => left <= TimeSpan.Zero ? Overdue
        : left.TotalHours >= 1 ? Pick($"剩余 {(int)left.TotalHours} 小时 {left.Minutes} 分", $"{(int)left.TotalHours} h {left.Minutes} min left")
        : Pick($"剩余 {Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))} 分钟", $"{Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))} min left");

    public string HalfTime(string number, DeadlineKind kind, string due, string left) => kind == DeadlineKind.Claim
        ? Pick($"⏰ {number} 负面舆情认领时限已过半，请在 {due} 前认领（{left}）", $"⏰ {number}: half the time to claim this negative item is gone; claim by {due} ({left})")
        : Pick($"⏰ {number} 上报时限已过半，请在 {due} 前上报（{left}）", $"⏰ {number}: half the time to report is gone; report by {due} ({left})");

    public string FinalCall(string number, DeadlineKind kind, string due, string left) => kind == DeadlineKind.Claim
        ? Pick($"⏰ {number} 即将逾期：请在 {due} 前认领（{left}）", $"⏰ {number} is almost overdue: claim by {due} ({left})")
        : Pick($"⏰ {number} 即将逾期：请在 {due} 前上报（{left}）", $"⏰ {number} is almost overdue: report by {due} ({left})");

    public string ProgressDue(string number) =>
        Pick($"📣 {number} 为重大舆情，请持续报送处置进展（回复本卡片即可记录）", $"📣 {number} is major: report progress again (reply to this card to record it)");

    public string Reappeared(string number, string source) =>
        Pick($"🔁 {number} 观察期内再次出现（{source}），请负责人关注", $"🔁 {number} appeared again during its watch period ({source})");

    public string EscalatedToLead(string number, string lead, string reason) =>
        Pick($"⬆️ {number} 已升级至部门负责人 {lead}{reason}", $"⬆️ {number} escalated to the department lead {lead}{reason}");

    public string EscalatedToLeadership(string reason) => Pick($"⬆️ 已升级至领导小组{reason}", $"⬆️ Escalated to the leadership group{reason}");

    public string Because(string? reason) => string.IsNullOrWhiteSpace(reason) ? ""
        : Pick($"（原因：{EscalationReason(reason)}）", $" (reason: {EscalationReason(reason)})");

    public string EscalationReason(string code) => code switch
    {
        "overdue-claim" => Pick("逾期未认领", "not claimed in time"),
        "overdue-report" => Pick("逾期未上报", "not reported in time"),
        "grade-major" => Pick("重大舆情，分级响应", "a major incident (graded response)"),
        "grade-larger" => Pick("较大舆情，分级响应", "a larger incident (graded response)"),
        _ => code,
    };

    public string OnDutyPlease => Pick("请值班人员处理", "on-duty officer, please act");
    public string NoteAdded => Pick("📝 已记录备注", "📝 Note added");
}
