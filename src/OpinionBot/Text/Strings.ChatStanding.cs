namespace OpinionBot.Text;

public sealed partial class Strings
{
    public string StatusLostChat(string place, string since) => Pick(
        $"⛔ 无法向{place}发送（自 {since} 起），其消息改发团队群；把机器人加回该群即恢复",
        $"⛔ Cannot post to {place} (since {since}); its messages go to the team chat. Add the bot back to resume");

    public string StatusRefusedMessages(int count) => Pick(
        $"⚠️ 最近 24 小时有 {count} 条消息未送达：被 Telegram 拒收，或文件未能生成（原因见日志）",
        $"⚠️ {count} messages not delivered in the last 24 hours: refused by Telegram, or a file that could not be made (the log says why)");

    public string DeliveryBehind(string place, string waited, int waiting) => Pick(
        $"⚠️ 发往{place}的消息积压：{waiting} 条待发，最久已等 {waited}。Telegram 可能不可用或在限流，或新消息多于该群每分钟能收的条数；/status 可查看进展。",
        $"⚠️ Messages to {place} are behind: {waiting} waiting, the oldest for {waited}. Telegram may be down or throttling us, or there is more than the chat can take a minute; /status shows the progress.");

    public string DeliveryCaughtUp(string place, string behindFor) => Pick(
        $"✅ 发往{place}的消息已跟上（积压约 {behindFor}）。",
        $"✅ Messages to {place} are caught up (they were behind for about {behindFor}).");

    /// <summary>The <c>/status</c> line on the chat furthest behind.</summary>
    public string StatusDeliveryLag(string place, string waited, int waiting, bool alarming) => Pick(
        $"{(alarming ? "⚠️ " : "")}发送最慢：{place}，{waiting} 条待发，最久已等 {waited}",
        $"{(alarming ? "⚠️ " : "")}Slowest delivery: {place}, {waiting} waiting, the oldest for {waited}");

    public string StoryIndexFull(int limit, DateTimeOffset through) => Pick(
        $"⚠️ 故事索引已达上限（{limit} 条出现）：{Time(through)} 及之前的报道已提前移出，它们再被转载时会开新事件，而不是并入原事件。如内存允许，可调高 Matching:StoryIndexLimit（每条约 2 KB）。",
        $"⚠️ The story index is at its limit ({limit} appearances): reports up to {Time(through)} were forgotten early, and their reposts now open new incidents instead of joining the old ones. If memory allows, raise Matching:StoryIndexLimit (about 2 KB each).");

    public string StatusStoryIndexFull(int limit, string through) => Pick(
        $"⚠️ 故事索引已满（上限 {limit}）：{through} 及之前的报道已提前移出",
        $"⚠️ Story index full (limit {limit}): reports up to {through} were forgotten early");

    /// <summary>A wait, to the second under a minute.</summary>
    public string Waited(TimeSpan span) => span < TimeSpan.FromMinutes(1)
        ? Pick($"{Math.Max(0, (int)span.TotalSeconds)} 秒", $"{Math.Max(0, (int)span.TotalSeconds)} s")
        : Duration(span);

    public string StatusMovedChat(long oldId, long newId) => Pick(
        $"↪️ 群 {oldId} 已升级为超级群 {newId}：请在配置中改用新 id",
        $"↪️ Group {oldId} became supergroup {newId}: use the new id in the settings");
}
