namespace OpinionBot.Text;

/// <summary>Texts about whether sources are checked on time (<c>/status</c>).</summary>
public sealed partial class Strings
{
    public string SourcesSummary(int onTime, int late, int failing, int notChecked, int paused) => Pick(
        $"按时 {onTime} · ⏰ 迟到 {late} · ⚠️ 失败 {failing} · ⏳ 未检查 {notChecked} · ⏸ 暂停 {paused}",
        $"on time {onTime} · ⏰ late {late} · ⚠️ failing {failing} · ⏳ not checked {notChecked} · ⏸ paused {paused}");

    /// <summary>Appended to a source's line when its check is later than its interval.</summary>
    public string SourceLate(TimeSpan lateBy) => Pick($" · ⏰ 检查迟到 {Lateness(lateBy)}", $" · ⏰ check late by {Lateness(lateBy)}");

    public string SourcesNeedingAttention => Pick("需要关注的来源：", "Sources needing attention:");

    public string CheckBacklog(int waiting, long lateSinceStart) => Pick(
        $"检查队列：等待 {waiting} 个 · 启动以来迟到 {lateSinceStart} 次",
        $"Check queue: {waiting} waiting · {lateSinceStart} late checks since start");

    private string Lateness(TimeSpan span) => span.TotalMinutes >= 2
        ? Pick($"{(int)span.TotalMinutes} 分钟", $"{(int)span.TotalMinutes} min")
        : Pick($"{Math.Max(1, (int)span.TotalSeconds)} 秒", $"{Math.Max(1, (int)span.TotalSeconds)} s");
}
