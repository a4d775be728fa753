namespace OpinionBot.Text;

/// <summary>Texts about Telegram itself: lost and moved chats, re-sent and trimmed messages.</summary>
public sealed partial class Strings
{
    public string TeamChatPlace => Pick("团队群", "the team chat");
    public string LeadershipChatPlace => Pick("领导群", "the leadership chat");
    public string SupervisorsChatPlace => Pick("主管群", "the supervisors' chat");
    public string DepartmentChatPlace(string department) => Pick($"「{department}」部门群", $"the chat of department “{department}”");
    public string PrivateChatPlace(string person) => Pick($"与 {person} 的私聊", $"the private chat with {person}");
    public string UnknownChatPlace => Pick("未配置的群", "an unconfigured chat");

    public string ChatLost(long chatId, string place, string reason, string rerouted) => Pick(
        $"⚠️ 机器人已无法向{place}（ID <code>{chatId}</code>）发送消息：{reason}。{rerouted}请把机器人重新加入该群（或解除屏蔽），恢复后自动照常发送。",
        $"⚠️ The bot can no longer post to {place} (id <code>{chatId}</code>): {reason}. {rerouted}Please add the bot back (or unblock it); it resumes by itself once back.");

    public string MessageRefused(string place, long chatId, string what, string error) => Pick(
        $"⚠️ 发往{place}（ID <code>{chatId}</code>）的{what}被 Telegram 拒收，已放弃：{error}。请查看日志；一小时内该群再有拒收不再重复提示，/status 会计数。",
        $"⚠️ Telegram refused a {what} for {place} (id <code>{chatId}</code>); it is given up: {error}. See the log; more refusals for this chat within the hour are counted in /status, not repeated here.");

    public string FileNotMadeNotice(string place, string file, string error) => Pick(
        $"⚠️ 为{place}生成的文件「{file}」未能生成，已放弃并告知该群：{error}。请查看日志。",
        $"⚠️ The file {file} for {place} could not be made; it is given up and that chat was told: {error}. See the log.");

    public string RefusedCard => Pick("舆情卡片", "card");
    public string RefusedMessage => Pick("消息", "message");

    public string LostRerouted(string target) => Pick($"此后发往该群的卡片和通知改发到{target}并注明。", $"Its cards and notices now go to {target}, marked. ");
    public string LostNotRerouted => Pick("发往该处的消息无法送达。", "Messages for it cannot be delivered. ");

    public string ChatBack(long chatId, string place) => Pick(
        $"✅ 机器人已回到{place}（ID <code>{chatId}</code>），之后的卡片和通知照常发往该群。",
        $"✅ The bot is back in {place} (id <code>{chatId}</code>); its cards and notices go there again.");

    /// <summary>Heads a card or notice that went to another chat because its own chat is lost.</summary>
    public string ReroutedFor(string place) => Pick(
        $"〔代转：原应发往{place}，该群已失联，请电话或当面转告〕",
        $"[Forwarded: meant for {place}, which the bot has lost; please pass it on by phone or in person]");

    public string ChatMoved(long oldId, long newId, string place, string settings) => Pick(
        $"ℹ️ {place}已升级为超级群，ID 由 <code>{oldId}</code> 变为 <code>{newId}</code>。机器人已改用新 ID（包括待发消息和卡片），重启后仍然有效；请把配置中的 {settings} 改为 <code>{newId}</code>。",
        $"ℹ️ {place} was upgraded to a supergroup: its id changed from <code>{oldId}</code> to <code>{newId}</code>. The bot now uses the new id (pending messages and cards included), also after a restart; please change {settings} to <code>{newId}</code> in the settings.");

    /// <summary>Marks a message that may already have arrived once (the worker stopped while sending it).</summary>
    public string Resent => Pick("(重发)", "(resent)");

    public string Trimmed => Pick("…（过长，已截断）", "… (too long, cut)");
}
