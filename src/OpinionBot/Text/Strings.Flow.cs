using OpinionBot.Incidents;

namespace OpinionBot.Text;

/// <summary>The incident flow: graded response, worsening, the escalation chain, 报送 and send back.</summary>
public sealed partial class Strings
{
    /// <summary>Heading of the card the leadership group gets the moment a major item is opened (分级响应).</summary>
    public string GradedResponse(Grade grade, string? onDuty) =>
        Pick($"🚨 {GradeName(grade)}舆情，按分级响应即时报送领导小组", $"🚨 {GradeName(grade)} incident: reported to the leadership group at once (graded response)") +
        (onDuty is null ? "" : Pick($"；值班：{onDuty}", $"; on duty: {onDuty}"));

    public string WorsenedNotice(string number, string detail, bool toldLeadership) =>
        Pick($"📈 {number} 舆情恶化：{detail}", $"📈 {number} is getting worse: {detail}") +
        (toldLeadership ? Pick("，已报告领导小组", "; the leadership group is told") : "");

    /// <summary>The first overdue notice, saying exactly what the bot did about it.</summary>
    public string OverdueStep(string number, DeadlineKind kind, string due, int? escalatedTo, bool atTop, TimeSpan repeatEvery)
    {
        var missed = kind == DeadlineKind.Claim
            ? Pick($"⛔ {number} 负面舆情逾期未认领（时限 {due}）", $"⛔ {number}: negative item not claimed by {due}")
            : Pick($"⛔ {number} 逾期未上报（时限 {due}）", $"⛔ {number}: not reported by {due}");
        return missed + (escalatedTo, atTop) switch
        {
            (1, _) => Pick("，已自动升级至部门负责人", "; escalated to the department lead"),
            ({ }, _) => Pick("，已自动升级至领导小组", "; escalated to the leadership group"),
            (null, true) => Pick($"；已在领导小组，每 {Span(repeatEvery)}再次提醒，直至有人处理", $"; already with the leadership group, repeated every {Span(repeatEvery)} until someone acts"),
            _ => "",
        };
    }

    /// <summary>The repeated notice at the top of the chain: nothing was escalated, so it says so.</summary>
    public string StillOverdue(string number, DeadlineKind kind, string due, TimeSpan late, TimeSpan repeatEvery) => kind == DeadlineKind.Claim
        ? Pick($"⛔ {number} 仍未认领：已超过时限（{due}）{Span(late)}，领导小组已知悉，尚无人处理；每 {Span(repeatEvery)}提醒一次，直至有人处理",
            $"⛔ {number} is still not claimed, {Span(late)} past its deadline ({due}); the leadership group has it and nobody has acted. Repeated every {Span(repeatEvery)} until someone does")
        : Pick($"⛔ {number} 仍未上报：已超过时限（{due}）{Span(late)}，领导小组已知悉，尚无人处理；每 {Span(repeatEvery)}提醒一次，直至有人处理",
            $"⛔ {number} is still not reported, {Span(late)} past its deadline ({due}); the leadership group has it and nobody has acted. Repeated every {Span(repeatEvery)} until someone does");

    public string ProgressDueReported(string number) =>
        Pick($"📣 {number} 为重大舆情，请持续报送处置进展：回复本卡片即记录，并作为续报报送上级", $"📣 {number} is major: report progress again; a reply to this card is recorded and sent upward as a progress report");

    // 报送 (上报 sends the report upward).
    public string SubmissionTitle(string number) => Pick($"📤 舆情报送 {number}", $"📤 Report {number}");
    public string SubmissionBy(string who, string at) => Pick($"报送人：{who}，报送时间：{at}", $"Reported by {who} at {at}");
    public string ProgressSubmission(string number, string note, string who) =>
        Pick($"📤 {number} 续报：{note} —{who}", $"📤 {number} progress report: {note} —{who}");

    // 退回 Send back.
    /// <summary>The ForceReply prompt; it starts with ✍️ and the number so the reply can be tied back to the incident.</summary>
    public string SendBackPrompt(string number, string who) =>
        Pick($"✍️ {number} 退回：{who} 请回复本消息写明退回原因", $"✍️ {number} send back: {who}, reply to this message with the reason");

    public string SendBackPlaceholder => Pick("退回原因", "Reason for sending back");
    public string SendBackAsked => Pick("请在提示消息下回复退回原因", "Reply to the prompt with the reason");
    public string ReasonRequired => Pick("退回须说明原因，未做更改", "Sending back needs a reason; nothing changed");

    public string SentBack(string number, string who, string reason, string whom) =>
        Pick($"↩️ {number} 已被 {who} 退回，原因：{reason}。请 {whom} 重新分派或处理", $"↩️ {number} was sent back by {who}, reason: {reason}. {whom}, please reassign or handle it");

    public string Dispatcher => Pick("值班人员", "the on-duty officer");

    /// <summary>A refusal that names who may do it, for the minimum role of that action in that state.</summary>
    public string ForbiddenFor(Role minimum) => minimum switch
    {
        Role.Supervisor => Pick("只有分管领导可以执行此操作", "Only a supervisor may do this"),
        Role.Officer => Pick("只有监测员或分管领导可以执行此操作", "Only an officer or a supervisor may do this"),
        _ => Pick("你没有此操作的权限", "You may not do this"),
    };

    private string Span(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 ? Pick($"{(int)span.TotalHours} 小时", $"{(int)span.TotalHours} h")
        : span.TotalHours >= 1 ? Pick($"{(int)span.TotalHours} 小时 {span.Minutes} 分", $"{(int)span.TotalHours} h {span.Minutes} min")
        : Pick($"{Math.Max(1, (int)span.TotalMinutes)} 分钟", $"{Math.Max(1, (int)span.TotalMinutes)} min");
}
