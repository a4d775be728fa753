namespace OpinionBot.Text;

/// <summary>Texts about sources: health notices to the supervisors and the <c>check</c> command's output.</summary>
public sealed partial class Strings
{
    public string SourceFailing(string source, string error, DateTimeOffset since) => Pick(
        $"⚠️ 信息源「{source}」连续读取失败（自 {Time(since)} 起）。最近的错误：{error}",
        $"⚠️ Source \"{source}\" keeps failing (since {Time(since)}). Last error: {error}");

    public string SourceRedesigned(string source, DateTimeOffset since) => Pick(
        $"⚠️ 信息源「{source}」的页面能打开，但选择器找不到任何条目（自 {Time(since)} 起），网站可能已改版，请检查选择器。",
        $"⚠️ Source \"{source}\" loads, but its selectors find no items (since {Time(since)}): the site was probably redesigned; please check the selectors.");

    public string SourceRecovered(string source, TimeSpan downtime) => Pick(
        $"✅ 信息源「{source}」已恢复正常（中断约 {Duration(downtime)}）。",
        $"✅ Source \"{source}\" works again (it was down for about {Duration(downtime)}).");

    public string CheckUsage => Pick(
        "用法：check <网址> [--kind html|feed|search] [--item 选择器 --title 选择器 --link 选择器 --time 选择器 --summary 选择器 --author 选择器 --replies 选择器 --views 选择器 --content 选择器] [--keyword 关键词] [--encoding gbk] [--follow] [--timezone Asia/Shanghai] [--allow 127.0.0.0/8] [--json]",
        "usage: check <url> [--kind html|feed|search] [--item SEL --title SEL --link SEL --time SEL --summary SEL --author SEL --replies SEL --views SEL --content SEL] [--keyword WORD] [--encoding gbk] [--follow] [--timezone Asia/Shanghai] [--allow 127.0.0.0/8] [--json]");

    public string CheckFailed(string reason) => Pick($"无法读取：{reason}", $"cannot read: {reason}");

    public string CheckSummary(int count, string? encoding) => Pick(
        $"找到 {count} 条（编码：{encoding ?? "未知"}）",
        $"found {count} items (encoding: {encoding ?? "unknown"})");

    public string CheckNoItems => Pick(
        "页面已读取，但没有找到条目：请检查 --item 等选择器。",
        "the page was read but no items were found: check --item and the other selectors.");

    public string CheckNotModified => Pick("服务器表示内容未变化（304）。", "the server says nothing changed (304).");

    public string CheckNoTime => Pick("无时间", "no time");

    private static string Time(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Sources.TimeZones.Resolve(Sources.TimeZones.Default)).ToString("yyyy-MM-dd HH:mm");

    private string Duration(TimeSpan span) => span.TotalHours >= 1
        ? Pick($"{(int)span.TotalHours} 小时 {span.Minutes} 分钟", $"{(int)span.TotalHours} h {span.Minutes} min")
        : Pick($"{Math.Max(1, (int)span.TotalMinutes)} 分钟", $"{Math.Max(1, (int)span.TotalMinutes)} min");
}
