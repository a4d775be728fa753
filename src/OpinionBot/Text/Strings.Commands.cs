using OpinionBot.Incidents;

namespace OpinionBot.Text;

/// <summary>Slash commands: menu descriptions, usage lines and replies.</summary>
public sealed partial class Strings
{
    // Menu descriptions (setMyCommands and /help).
    public string HelpDescription => Pick("帮助：可用的命令", "Help: the commands you can use");
    public string StartDescription => Pick("开始：私聊开启后可接收私信提醒", "Start: in a private chat, get direct messages");
    public string StatusDescription => Pick("运行状态：来源、待发消息、未结舆情、值班", "Status: sources, outbox, open incidents, duty");
    public string IncidentsDescription => Pick("舆情列表，可按等级、状态、部门、负责人、逾期筛选", "List incidents by grade, status, department, assignee, overdue");
    public string IncidentDescription => Pick("重新发送某条舆情的卡片", "Post an incident's card again");
    public string MineDescription => Pick("我负责的舆情", "Incidents assigned to me");
    public string AssignDescription => Pick("指派舆情给某人或部门", "Assign an incident to a person or department");
    public string EscalateDescription => Pick("升级舆情", "Escalate an incident");
    public string ResolveDescription => Pick("处置舆情并记录处理结果", "Resolve an incident with its outcome");
    public string ReportDescription => Pick("上报并报送上级", "Report an incident upward (sends the report)");
    public string SendBackDescription => Pick("退回舆情并说明原因", "Send an incident back with a reason");
    public string NoteDescription => Pick("为舆情添加备注", "Add a note to an incident");
    public string GradeDescription => Pick("调整舆情等级", "Change an incident's grade");
    public string MuteDescription => Pick("暂停某条舆情的提醒", "Silence an incident's reminders for a while");
    public string OnCallDescription => Pick("值班：查看、轮班、排班、换班", "Duty roster: show, rotate, shifts, swap");
    public string MembersDescription => Pick("成员与角色管理", "Manage members and roles");
    public string LangDescription => Pick("切换本群语言（中文/English）", "Switch this chat's language (zh/en)");

    // Usage lines: the command's arguments (N is the incident number, e.g. 2026-0042 or 42).
    public string IncidentsUsage => Pick("/incidents [重大|较大|一般] [状态] [部门] [@某人|我] [逾期] [全部]", "/incidents [major|larger|general] [status] [department] [@person|me] [overdue] [all]");
    public string IncidentUsage => Pick("/incident 编号（如 2026-0042 或 42）", "/incident N (e.g. 2026-0042 or 42)");
    public string AssignUsage => Pick("/assign 编号 @某人|用户ID|部门（或回复某人的消息）", "/assign N @person|user id|department (or reply to their message)");
    public string EscalateUsage => Pick("/escalate 编号 [原因]", "/escalate N [reason]");
    public string ResolveUsage => Pick("/resolve 编号 澄清回应|删帖处理|冷处理|属实通报|情况说明|其他", "/resolve N clarified|takendown|cold|confirmed|explanation|other");
    public string ReportUsage => Pick("/report 编号", "/report N");
    public string SendBackUsage => Pick("/sendback 编号 原因", "/sendback N reason");
    public string NoteUsage => Pick("/note 编号 备注内容（或回复卡片）", "/note N text (or reply to the card)");
    public string GradeUsage => Pick("/grade 编号 重大|较大|一般 [理由]", "/grade N major|larger|general [reason]");
    public string MuteUsage => Pick("/mute 编号 30m|2h|1d|off（最长 7 天）", "/mute N 30m|2h|1d|off (at most 7 days)");
    public string MembersUsage => Pick(
        "/members — 列出成员\n/members add @某人|用户ID [监测员|成员|分管领导]\n/members remove @某人|用户ID",
        "/members — list\n/members add @person|user id [officer|member|supervisor]\n/members remove @person|user id");
    public string OnCallUsage => Pick(
        "/oncall — 查看值班\n/oncall rotate [每周|每天] [08:00] @甲 @乙 … — 轮班\n/oncall shift @甲 2026-11-24 08:00 2026-11-24 20:00 — 指定班次\n/oncall swap @甲 @乙 — 换班\n/oncall clear — 清空排班",
        "/oncall — show the roster\n/oncall rotate [weekly|daily] [08:00] @a @b … — rotation\n/oncall shift @a 2026-11-24 08:00 2026-11-24 20:00 — one shift\n/oncall swap @a @b — swap turns\n/oncall clear — clear the roster");

    public string UsageLine(string usage) => Pick($"用法：{usage}", $"Usage: {usage}");

    // Refusals.
    public string ChatNotConfigured(long chatId) => Pick(
        $"本群未配置，机器人不在此处理命令。如需使用，请联系分管领导把本群加入配置（本群 ID：<code>{chatId}</code>，填入 Chats:Team 等设置）。",
        $"This chat is not configured, so the bot takes no commands here. Ask a supervisor to add it (this chat's id is <code>{chatId}</code>, for Chats:Team and the like).");
    public string NotOnTeam(long userId) => Pick(
        $"你还不在舆情工作名单中，无法使用命令。请把你的用户 ID <code>{userId}</code> 发给分管领导，用 /members add {userId} 添加。",
        $"You are not on the team yet, so commands are not available. Send your user id <code>{userId}</code> to a supervisor, who can add you with /members add {userId}.");
    public string CommandForbidden(Role role) => role switch
    {
        Role.Supervisor => Pick("只有分管领导可以使用此命令", "Only a supervisor may use this command"),
        Role.Officer => Pick("只有监测员或分管领导可以使用此命令", "Only an officer or a supervisor may use this command"),
        _ => Pick("你没有使用此命令的权限", "You may not use this command"),
    };
    public string GroupOnly => Pick("此命令只能在群里使用", "Use this command in a group chat");
    public string PrivateOnly => Pick("此命令只能私聊使用", "Use this command in a private chat");
    public string UnknownCommand(string name) => Pick($"不认识的命令 /{name}。", $"Unknown command /{name}.");
    public string NoSuchIncident(string token) => Pick($"找不到舆情 {token}", $"No incident {token}");
    public string UnknownFilter(string word) => Pick($"不认识的筛选条件：{word}", $"Unknown filter: {word}");
    public string UnknownPerson(string word) => Pick(
        $"找不到 {word}：请让对方先在群里发一条消息，或使用其用户 ID",
        $"Cannot find {word}: ask them to write in the group once, or use their user id");
    public string PersonNotOnTeam(string name) => Pick($"{name} 不在成员名单中，请先用 /members add 添加", $"{name} is not on the team; add them with /members add first");
    public string NotAssignable(string name) => Pick($"{name} 不在可指派名单中", $"{name} cannot be assigned incidents");
    public string NotInThisState(string number, string status) => Pick($"{number} 当前为「{status}」，不能执行此操作", $"{number} is {status}; that is not possible now");

    // Replies.
    public string HelpHeading => Pick("<b>可用命令</b>（编号如 2026-0042，也可只写 42；回复卡片时可省略编号）",
        "<b>Commands</b> (N is an incident number such as 2026-0042, or just 42; leave it out when replying to a card)");
    public string StartedPrivately => Pick("✅ 已开启私信提醒：指派给你的舆情、截止时间提醒和升级通知会私信发给你，群里照常显示。",
        "✅ Direct messages are on: incidents assigned to you, deadline reminders and escalations will also reach you here.");
    public string LanguageSet => Pick("✅ 本群已切换为中文", "✅ This chat now uses English");
    public string CommandApplied(string number, string action, string status) => Pick($"✅ {number} {action}完成，当前状态：{status}", $"✅ {number} {action}; now {status}");
    public string GradeChanged(string number, string grade) => Pick($"✅ {number} 等级已调整为「{grade}」", $"✅ {number} is now graded {grade}");
    public string MutedUntil(string number, string until) => Pick($"🔕 {number} 的提醒已暂停至 {until}（逾期仍会升级）", $"🔕 Reminders for {number} are silenced until {until} (missed deadlines still escalate)");
    public string Unmuted(string number) => Pick($"🔔 {number} 的提醒已恢复", $"🔔 Reminders for {number} are back on");
    public string IncidentsHeading(int count, int page, int pages) => Pick($"📋 <b>舆情 {count} 件</b>（第 {page}/{pages} 页）", $"📋 <b>{count} incidents</b> (page {page}/{pages})");
    public string NoIncidentsFound => Pick("📋 没有符合条件的舆情", "📋 No incidents match");
    public string PreviousPage => Pick("« 上一页", "« Previous");
    public string NextPage => Pick("下一页 »", "Next »");
    public string AndMore(int count) => Pick($"……另有 {count} 项", $"… and {count} more");

    // /status
    public string StatusHeading(string now) => Pick($"📊 <b>运行状态</b> · {now}", $"📊 <b>Status</b> · {now}");
    public string SourcesHeading(int count) => Pick($"<b>来源</b>（{count}）", $"<b>Sources</b> ({count})");
    public string SourceOk(string name, string at) => Pick($"✅ {name} — 最近检查 {at}", $"✅ {name} — last checked {at}");
    public string SourceFailing(string name, string since, int failures, string error) =>
        Pick($"❌ {name} — 自 {since} 起失败（连续 {failures} 次）：{error}", $"❌ {name} — failing since {since} ({failures} in a row): {error}");
    public string SourceNotChecked(string name) => Pick($"⏳ {name} — 尚未检查", $"⏳ {name} — not checked yet");
    public string SourcePaused(string name) => Pick($"⏸ {name} — 已暂停", $"⏸ {name} — paused");
    public string OutboxBacklog(int count) => Pick($"待发送消息：{count}", $"Messages waiting to be sent: {count}");
    public string OpenIncidents(int count, string byGrade) => Pick($"未结舆情：{count}（{byGrade}）", $"Open incidents: {count} ({byGrade})");
    public string OverdueCount(int count) => Pick($"已逾期：{count}", $"Overdue: {count}");

    // /members
    public string RoleName(Role role) => role switch
    {
        Role.Supervisor => Pick("分管领导", "Supervisors"),
        Role.Officer => Pick("监测员", "Officers"),
        Role.Member => Pick("成员", "Members"),
        _ => Pick("非成员", "Not on the team"),
    };
    public string MembersHeading(int count) => Pick($"👥 <b>成员</b>（{count}）", $"👥 <b>Team</b> ({count})");
    public string MembersFootnote => Pick("⚙ 表示来自配置文件", "⚙ comes from the configuration file");
    public string MemberSet(string name, string role) => Pick($"✅ {name} 的角色已设为：{role}", $"✅ {name} is now in: {role}");
    public string MemberRemoved(string name) => Pick($"✅ 已将 {name} 移出成员名单", $"✅ {name} is no longer on the team");
    public string ConfiguredSupervisor(string name) => Pick(
        $"{name} 是配置文件中的分管领导，请在 appsettings.json 的 Access:Supervisors 中修改",
        $"{name} is a supervisor in the configuration file; change Access:Supervisors in appsettings.json");

    public string LastSupervisor => Pick("这样将没有任何分管领导，操作已取消：请先添加另一位分管领导", "That would leave no supervisor, so nothing was changed: add another supervisor first");
}
