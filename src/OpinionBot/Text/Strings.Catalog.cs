namespace OpinionBot.Text;

/// <summary>Texts of the chat commands that run the catalog: sources, topics, heightened periods, focused monitoring.</summary>
public sealed partial class Strings
{
    public string SourcesDescription => Pick("监测来源：列表、添加、修改、暂停、恢复、删除、试读", "Sources: list, add, edit, pause, resume, remove, test");
    public string SourcesUsage => Pick(
        "/sources — 列出来源\n/sources add 名称 feed|html|search 网址 [计划 如 every 10m] [item=\".thread\" title=… link=… time=…]\n/sources edit 名称 键=值 …\n/sources pause|resume|remove 名称\n/sources test 名称|网址 [类型] [键=值 …]",
        "/sources — list\n/sources add NAME feed|html|search URL [schedule e.g. every 10m] [item=\".thread\" title=… link=… time=…]\n/sources edit NAME key=value …\n/sources pause|resume|remove NAME\n/sources test NAME|URL [kind] [key=value …]");
    public string SourcesListHeading(int count, int page, int pages) =>
        Pick($"📡 <b>监测来源</b>（{count}）· 第 {page}/{pages} 页", $"📡 <b>Sources</b> ({count}) · page {page}/{pages}");
    public string SourceExists(string name) => Pick($"来源“{name}”已存在，请用 edit 修改。", $"Source '{name}' exists already; use edit to change it.");
    public string NoSuchSource(string name) => Pick($"没有名为“{name}”的来源。", $"There is no source named '{name}'.");
    public string SourceAdded(string name) => Pick($"✅ 已添加来源“{name}”，已按计划开始监测。", $"✅ Source '{name}' added and scheduled.");
    public string SourceSaved(string name) => Pick($"✅ 已保存来源“{name}”，已重新排程。", $"✅ Source '{name}' saved and rescheduled.");
    public string SourcePausedNow(string name) => Pick($"⏸ 已暂停来源“{name}”。", $"⏸ Source '{name}' paused.");
    public string SourceResumed(string name) => Pick($"▶️ 已恢复来源“{name}”。", $"▶️ Source '{name}' resumed.");
    public string SourceRemoved(string name) => Pick($"🗑 已删除来源“{name}”。", $"🗑 Source '{name}' removed.");
    public string SourceTestHeading(string name) => Pick($"🔎 <b>试读</b> {name}", $"🔎 <b>Test</b> {name}");
    public string SourceInvalid(string problem) => Pick($"来源设置有误：{problem}", $"The source is not valid: {problem}");
    public string BadField(string word, string names) =>
        Pick($"无法识别或取值有误：{word}（可用：{names}）", $"Unknown field or bad value: {word} (fields: {names})");
    public string FieldsOnly(string names) => Pick($"请以 键=值 的形式填写（可用：{names}）", $"Give key=value pairs (fields: {names})");

    public string TopicsDescription => Pick("监测专题：列表、添加、修改、删除", "Topics: list, add, edit, remove");
    public string TopicsUsage => Pick(
        "/topics — 列出专题\n/topics add 名称 规则或关键词\n/topics edit 名称 rule=\"…\" keywords=a,b exclude=a,b grade=较大 department=卫健局\n/topics remove 名称",
        "/topics — list\n/topics add NAME rule-or-keywords\n/topics edit NAME rule=\"…\" keywords=a,b exclude=a,b grade=larger department=…\n/topics remove NAME");
    public string TopicsHeading(int count) => Pick($"🏷 <b>监测专题</b>（{count}）", $"🏷 <b>Topics</b> ({count})");
    public string TopicExcludes(string words) => Pick($"屏蔽词：{words}", $"excluded: {words}");
    public string TopicExists(string name) => Pick($"专题“{name}”已存在，请用 edit 修改。", $"Topic '{name}' exists already; use edit to change it.");
    public string NoSuchTopic(string name) => Pick($"没有名为“{name}”的专题。", $"There is no topic named '{name}'.");
    public string TopicAdded(string name) => Pick($"✅ 已添加专题“{name}”，立即生效。", $"✅ Topic '{name}' added; it applies now.");
    public string TopicSaved(string name) => Pick($"✅ 已保存专题“{name}”，立即生效。", $"✅ Topic '{name}' saved; it applies now.");
    public string TopicRemoved(string name) => Pick($"🗑 已删除专题“{name}”。", $"🗑 Topic '{name}' removed.");
    public string TopicRefused(string problem) => Pick($"未保存：{problem}", $"Not saved: {problem}");

    public string HeightenedDescription => Pick("重点时段：开启、结束或查看", "Heightened period: start, end or show");
    public string HeightenedUsage => Pick(
        "/heightened on 截止时间(18:00 | 2026-11-24 18:00 | 6h) [间隔 如 2m] | off",
        "/heightened on UNTIL(18:00 | 2026-11-24 18:00 | 6h) [interval e.g. 2m] | off");
    public string HeightenedActive(string until, string interval) =>
        Pick($"🔺 重点时段：至 {until}，每 {interval} 检查一次所有来源", $"🔺 Heightened period until {until}: every source every {interval}");
    public string HeightenedInactive => Pick("当前没有重点时段。", "No heightened period is in force.");
    public string HeightenedOn(string until, string interval) =>
        Pick($"✅ 已开启重点时段，至 {until}，每 {interval} 检查一次。", $"✅ Heightened period on until {until}, every {interval}.");
    public string HeightenedOff => Pick("✅ 已结束重点时段。", "✅ Heightened period ended.");
    public string HeightenedOutOfRange =>
        Pick("截止时间须在未来 31 天内，间隔不少于 10 秒。", "The end must be within the next 31 days and the interval at least 10 seconds.");
    public string HeightenedReason(long userId) => Pick($"由 {userId} 通过命令开启", $"started by {userId} from the chat");
    public string HeightenedStarted(string until, string interval) =>
        Pick($"🔺 重点时段开始：至 {until}，所有来源每 {interval} 检查一次。", $"🔺 Heightened period started: every source every {interval} until {until}.");
    public string HeightenedEnded => Pick("🔻 重点时段已结束，来源恢复原计划。", "🔻 The heightened period has ended; sources are back on their schedules.");
    public string HeightenedExpired => Pick("🔻 重点时段已到期结束，来源恢复原计划。", "🔻 The heightened period ran out; sources are back on their schedules.");

    public string WatchDescription => Pick("重点监控：跟踪某条舆情的关键词", "Focused monitoring: follow an incident's key terms");
    public string WatchUsage => Pick("/watch [编号 [关键词 …]]", "/watch [NUMBER [term …]]");
    public string UnwatchDescription => Pick("结束对某条舆情的重点监控", "End the focused monitoring of an incident");
    public string UnwatchUsage => Pick("/unwatch 编号", "/unwatch NUMBER");
    public string Watching(string number, string terms, string until) =>
        Pick($"👁 重点监控 {number}：{terms}，至 {until}", $"👁 Watching {number}: {terms}, until {until}");
    public string Unwatched(string number) => Pick($"已结束对 {number} 的重点监控。", $"Stopped watching {number}.");
    public string NotWatched(string number) => Pick($"{number} 不在重点监控中。", $"{number} is not being watched.");
    public string NoKeyTerms => Pick("没有可用的关键词，请在编号后写出关键词。", "No key terms found; give them after the number.");
    public string NoWatches => Pick("当前没有重点监控。", "Nothing is being watched.");
    public string WatchesHeading(int count) => Pick($"👁 <b>重点监控</b>（{count}）", $"👁 <b>Focused monitoring</b> ({count})");
    public string WatchUntil(string until) => Pick($"至 {until}", $"until {until}");
}
