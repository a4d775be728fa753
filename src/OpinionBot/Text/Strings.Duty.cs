namespace OpinionBot.Text;

/// <summary>The duty roster (值班), the handover (交班) and messages addressed to one person.</summary>
public sealed partial class Strings
{
    public string RosterHeading => Pick("👮 <b>值班</b>", "👮 <b>On duty</b>");
    public string NobodyOnDuty => Pick("值班：未排班", "On duty: nobody (no roster)");
    public string OnDutyNow(string name, string? until) => until is null
        ? Pick($"当前值班：{name}", $"On duty now: {name}")
        : Pick($"当前值班：{name}（至 {until}）", $"On duty now: {name} (until {until})");
    public string OnDutyNext(string name, string from) => Pick($"下一班：{name}（{from} 起）", $"Next: {name} (from {from})");
    public string RotationLine(bool daily, string at, string people) => daily
        ? Pick($"轮班：每天 {at} 交班：{people}", $"Rotation: daily at {at}: {people}")
        : Pick($"轮班：每周一 {at} 交班：{people}", $"Rotation: weekly, Mondays at {at}: {people}");
    public string RosterSaved => Pick("✅ 排班已保存", "✅ Roster saved");
    public string RosterCleared => Pick("✅ 排班已清空", "✅ Roster cleared");
    public string NotOnRoster => Pick("两人都不在排班中，没有可对调的班次", "Neither of them is on the roster; nothing to swap");
    public string ShiftTooLongOrBackwards => Pick("班次的结束时间须晚于开始时间，且不超过 31 天", "A shift must end after it starts and last at most 31 days");
    public string ShiftInThePast => Pick("该班次已经结束", "That shift is already over");

    public string HandoverHeading(string? from, string to, string? until) =>
        (from is null ? Pick($"🔄 <b>交班</b>：{to} 开始值班", $"🔄 <b>Handover</b>: {to} is on duty")
            : Pick($"🔄 <b>交班</b>：{from} → {to}", $"🔄 <b>Handover</b>: {from} → {to}")) +
        (until is null ? "" : Pick($"（至 {until}）", $" (until {until})"));
    public string HandoverOpen(int count) => Pick($"未结舆情 {count} 件：", $"{count} open incidents:");
    public string HandoverNothingOpen => Pick("当前没有未结舆情。", "No open incidents.");

    public string NobodyYetOnDuty(string onDuty) => Pick($"未指派（值班：{onDuty}）", $"unassigned (on duty: {onDuty})");
    public string OnDutyPleaseMention(string onDuty) => Pick($"请值班人员 {onDuty} 处理", $"{onDuty} (on duty), please act");
    public string AssignedToYou(string by) => Pick($"📌 {by} 把这条舆情指派给你：", $"📌 {by} assigned this incident to you:");
    public string StartBotPrivately(string who) => Pick(
        $"💬 {who}：请私聊本机器人并发送 /start，即可收到指派、提醒和升级的私信（机器人只能给主动私聊过它的人发私信）。",
        $"💬 {who}: open a private chat with this bot and send /start to get assignments, reminders and escalations directly (a bot may only message people who started it).");
}
