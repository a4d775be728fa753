using OpinionBot.Incidents;

namespace OpinionBot.Text;

/// <summary>Texts of the incident card and its buttons.</summary>
public sealed partial class Strings
{
    public string CardHeading => Pick("舆情", "Incident");
    public string Source => Pick("来源", "Source");
    public string Link => Pick("链接", "Link");
    public string PublishedAt => Pick("发布时间", "Published");
    public string DiscoveredAt => Pick("发现时间", "Discovered");
    public string Keywords => Pick("命中关键词", "Keywords");
    public string StatusLabel => Pick("状态", "Status");
    public string GradeLabel => Pick("等级", "Grade");
    public string Assignee => Pick("负责人", "Assignee");
    public string Nobody => Pick("未指派", "unassigned");
    public string LastAction => Pick("最近操作", "Last action");
    public string Unknown => Pick("未知", "unknown");
    public string Negative => Pick("负面", "Negative");

    public string ClaimButton => Pick("认领", "Claim");
    public string EscalateButton => Pick("升级", "Escalate");
    public string AssignButton => Pick("指派", "Assign");
    public string ResolveButton => Pick("处置", "Resolve");
    public string ReportButton => Pick("上报", "Report");
    public string SendBackButton => Pick("退回", "Send back");
    public string CloseButton => Pick("平息", "Close");
    public string ReopenButton => Pick("重新打开", "Reopen");
    public string FalseAlarmButton => Pick("误报", "False alarm");
    public string BackButton => Pick("« 返回", "« Back");

    public string Status(IncidentStatus status) => status switch
    {
        IncidentStatus.New => Pick("新发现", "New"),
        IncidentStatus.Claimed => Pick("核实中", "Being verified"),
        IncidentStatus.Reported => Pick("已上报", "Reported"),
        IncidentStatus.Handling => Pick("处置中", "Handling"),
        IncidentStatus.Resolved => Pick("已处置", "Resolved"),
        IncidentStatus.Closed => Pick("已平息", "Closed"),
        IncidentStatus.FalseAlarm => Pick("误报", "False alarm"),
        _ => status.ToString(),
    };

    public string GradeName(Grade grade) => grade switch
    {
        Grade.Major => Pick("重大", "Major"),
        Grade.Larger => Pick("较大", "Larger"),
        _ => Pick("一般", "General"),
    };

    public string ActionName(string action) => action switch
    {
        "created" => Pick("发现", "found"),
        "claim" => Pick("认领", "claimed"),
        "escalate" => Pick("升级", "escalated"),
        "assign" => Pick("指派", "assigned"),
        "resolve" => Pick("处置", "resolved"),
        "report" => Pick("上报", "reported"),
        "sendback" => Pick("退回", "sent back"),
        "close" => Pick("确认平息", "closed"),
        "reopen" => Pick("重新打开", "reopened"),
        "falsealarm" => Pick("标记误报", "marked a false alarm"),
        "worsened" => Pick("记录恶化", "recorded worsening"),
        "reappeared" => Pick("记录再次出现", "recorded a reappearance"),
        "appeared" => Pick("并入同一事件", "merged an appearance"),
        "grade" => Pick("调整等级", "changed the grade"),
        "mute" => Pick("暂停提醒", "muted reminders"),
        "note" => Pick("添加备注", "added a note"),
        "notice" => Pick("发出抄告单", "sent a contact sheet"),
        _ => action,
    };

    public string OutcomeName(HandlingOutcome outcome) => outcome switch
    {
        HandlingOutcome.Clarified => Pick("澄清回应", "Clarified"),
        HandlingOutcome.TakenDown => Pick("删帖处理", "Taken down"),
        HandlingOutcome.ColdHandling => Pick("冷处理", "Cold handling"),
        HandlingOutcome.ConfirmedAndAnnounced => Pick("属实通报", "Confirmed and announced"),
        HandlingOutcome.Explanation => Pick("情况说明", "Explanation"),
        _ => Pick("其他", "Other"),
    };

    public string PickOutcome => Pick("请选择处理结果", "Pick the handling result");
    public string EscalatedHeading => Pick("⬆️ 已升级至领导小组", "⬆️ Escalated to the leadership group");
    public string PickAssignee => Pick("请选择负责人", "Pick the person to assign");
}
