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

    /// <summary>A wait, to the second under a minute.</summary>
    public string Waited(TimeSpan span) => span < TimeSpan.FromMinutes(1)
        ? Pick($"{Math.Max(0, (int)span.TotalSeconds)} 秒", $"{Math.Max(0, (int)span.TotalSeconds)} s")
        : Duration(span);

    public string StatusMovedChat(long oldId, long newId) => Pick(
        $"↪️ 群 {oldId} 已升级为超级群 {newId}：请在配置中改用新 id",
        $"↪️ Group {oldId} became supergroup {newId}: use the new id in the settings");
}
