namespace OpinionBot.Text;

public sealed partial class Strings
{
    public string StatusLostChat(string place, string since) => Pick(
        $"⛔ 无法向{place}发送（自 {since} 起），其消息改发团队群；把机器人加回该群即恢复",
        $"⛔ Cannot post to {place} (since {since}); its messages go to the team chat. Add the bot back to resume");

    public string StatusRefusedMessages(int count) => Pick(
        $"⚠️ 最近 24 小时有 {count} 条消息未送达：被 Telegram 拒收，或文件未能生成（原因见日志）",
        $"⚠️ {count} messages not delivered in the last 24 hours: refused by Telegram, or a file that could not be made (the log says why)");

    public string StatusMovedChat(long oldId, long newId) => Pick(
        $"↪️ 群 {oldId} 已升级为超级群 {newId}：请在配置中改用新 id",
        $"↪️ Group {oldId} became supergroup {newId}: use the new id in the settings");
}
