namespace OpinionBot.Text;

/// <summary>Texts of the digest card a flooded chat gets instead of one card per new (or escalated) incident, and of the reminder summary.</summary>
public sealed partial class Strings
{
    /// <summary>
    /// Heads a digest of <paramref name="fresh"/> new incidents and <paramref name="escalated"/> overdue ones the deadline
    /// watch escalated to the chat (逾期升级, as the leadership group gets them): each kind is named for what it is.
    /// </summary>
    public string DigestHeading(int fresh, int escalated) => (fresh, escalated) switch
    {
        (_, 0) => Pick($"🗂 <b>舆情汇总</b> · 新增 {fresh} 条", $"🗂 <b>Digest</b> · {fresh} new incidents"),
        (0, _) => Pick($"🗂 <b>舆情汇总</b> · ⬆️ 逾期升级 {escalated} 条", $"🗂 <b>Digest</b> · ⬆️ {escalated} overdue incidents escalated"),
        _ => Pick($"🗂 <b>舆情汇总</b> · 新增 {fresh} 条 · ⬆️ 逾期升级 {escalated} 条",
            $"🗂 <b>Digest</b> · {fresh} new · ⬆️ {escalated} escalated as overdue"),
    };

    public string DigestWhy(int fresh, int escalated) => (fresh, escalated) switch
    {
        (_, 0) => Pick(
            "短时间内新增过多，合并为一张汇总卡；重大和负面舆情仍单独推送。",
            "Too many at once for a card each; major and negative ones still get their own card."),
        (0, _) => Pick(
            "以下事件逾期未认领或未上报，已自动升级；数量过多，合并为一张汇总卡；重大和负面舆情仍单独推送。",
            "Not claimed or reported in time, so escalated automatically; too many for a card each; major and negative ones still get their own card."),
        _ => Pick(
            "短时间内过多，合并为一张汇总卡；⬆️ 为逾期未认领或未上报而自动升级的事件；重大和负面舆情仍单独推送。",
            "Too many at once for a card each; ⬆️ marks those escalated for not being claimed or reported in time; major and negative ones still get their own card."),
    };

    public string DigestTopicsLabel => Pick("专题", "Topics");

    public string DigestMoreTopics(int count) => Pick($"等 {count} 个", $"+{count} more");

    public string DigestPage(int page, int pages) => Pick(
        $"第 {page}/{pages} 页 · 点按编号打开完整卡片处理",
        $"Page {page}/{pages} · tap a number to open its full card");

    public string CardComing(string number) => Pick($"正在发送 {number} 的完整卡片", $"Sending the full card of {number}");

    public string CardAlreadyComing(string number) => Pick($"{number} 的卡片已在发送中", $"The card of {number} is on its way");

    public string ReminderDigestHeading(int incidents) =>
        Pick($"⏰ <b>提醒汇总</b> · {incidents} 起事件待处理", $"⏰ <b>Reminders</b> · {incidents} incidents need action");

    public string ReminderDigestWhy => Pick(
        "提醒和恶化通知过多，合并为一条；发送 /incident 编号 打开卡片处理，/incidents 逾期 查看全部逾期事件。",
        "Too many reminders and worsening notices for one message each; send /incident NUMBER to open a card, /incidents overdue to list every overdue one.");

    /// <summary>What a folded reminder was about, most urgent first: overdue (and for how long), almost due, half time, progress.</summary>
    public string ReminderDigestState(Incidents.ReminderKind kind, TimeSpan late) => kind switch
    {
        Incidents.ReminderKind.Overdue or Incidents.ReminderKind.StillOverdue => late.TotalDays >= 2
            ? Pick($"⛔ 逾期 {(int)late.TotalDays} 天", $"⛔ {(int)late.TotalDays} days overdue")
            : late.TotalHours >= 1 ? Pick($"⛔ 逾期 {(int)late.TotalHours} 小时", $"⛔ {(int)late.TotalHours} h overdue")
            : Pick("⛔ 已逾期", "⛔ overdue"),
        Incidents.ReminderKind.Final => Pick("⏰ 即将逾期", "⏰ almost overdue"),
        Incidents.ReminderKind.HalfTime => Pick("⏰ 时限过半", "⏰ half the time gone"),
        _ => Pick("📣 请报送进展", "📣 progress report due"),
    };

    public string ReminderDigestWorsened(string detail) => Pick($"📈 恶化：{detail}", $"📈 worse: {detail}");

    public string ReminderDigestMore(int count) => Pick($"……另有 {count} 起", $"… and {count} more");
}
