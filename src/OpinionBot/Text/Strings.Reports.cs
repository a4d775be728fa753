using OpinionBot.Incidents;
using OpinionBot.Reports;

namespace OpinionBot.Text;

/// <summary>Texts of the ledger, evidence, daily/weekly/monthly reports, the trend chart and the special report.</summary>
public sealed partial class Strings
{
    // Ledger (台账) columns.
    public string LedgerSheet => Pick("舆情台账", "Ledger");
    public string LedgerFilePrefix => Pick("舆情台账", "ledger");
    public string ColNumber => Pick("编号", "Number");
    public string ColSubject => Pick("主题", "Subject");
    public string ColUrl => Pick("网址", "URL");
    public string ColPublished => Pick("发布时间", "Published");
    public string ColFirstMedium => Pick("首发媒体", "First medium");
    public string ColDiscovered => Pick("发现时间", "Discovered");
    public string ColClaimed => Pick("认领时间", "Claimed");
    public string ColReported => Pick("上报时间", "Reported");
    public string ColGrade => Pick("等级", "Grade");
    public string ColNegative => Pick("负面", "Negative");
    public string ColDepartment => Pick("责任部门", "Department");
    public string ColAssignee => Pick("负责人", "Assignee");
    public string ColStatus => Pick("状态", "Status");
    public string ColOutcome => Pick("处理结果", "Handling result");
    public string ColResolved => Pick("处置时间", "Resolved");
    public string ColClaimDeadline => Pick("负面认领时限", "Negative claim deadline");
    public string ColReportDeadline => Pick("上报时限", "Report deadline");
    public string ColEvidence => Pick("证据编号", "Evidence");
    public string Yes => Pick("是", "yes");
    public string No => Pick("否", "no");

    public string Deadline(DeadlineState state) => state switch
    {
        DeadlineState.Met => Pick("按时", "met"),
        DeadlineState.Missed => Pick("超时", "missed"),
        DeadlineState.Pending => Pick("未到期", "pending"),
        _ => Pick("不适用", "n/a"),
    };

    public string OutcomeName(HandlingOutcome? outcome) => outcome switch
    {
        HandlingOutcome.Clarified => Pick("澄清回应", "Clarified"),
        HandlingOutcome.TakenDown => Pick("删帖处理", "Taken down"),
        HandlingOutcome.ColdHandling => Pick("冷处理", "Cold handling"),
        HandlingOutcome.ConfirmedAndAnnounced => Pick("属实通报", "Confirmed and announced"),
        HandlingOutcome.Explanation => Pick("情况说明", "Written explanation"),
        HandlingOutcome.Other => Pick("其他", "Other"),
        _ => "",
    };

    // Trend chart. Every Chinese character drawn here must be in the embedded chart font (see Reports/Fonts/README.md).
    public string ChartTitle(ReportPeriod period) =>
        Pick($"每日舆情数量 {period.First:yyyy-MM-dd} 至 {period.Last:yyyy-MM-dd}", $"Incidents per day, {period.First:yyyy-MM-dd} to {period.Last:yyyy-MM-dd}");
    public string ChartDays => Pick("日期", "Date");
    public string ChartCount => Pick("数量", "Incidents");

    // Daily, weekly and monthly reports (Telegram HTML; the builder escapes every value it inserts).
    public string DailyTitle(DateOnly day) => Pick($"舆情日报 {day:yyyy-MM-dd}", $"Daily report {day:yyyy-MM-dd}");
    public string WeeklyTitle(ReportPeriod p) => Pick($"舆情周报 {p.First:yyyy-MM-dd} 至 {p.Last:yyyy-MM-dd}", $"Weekly report {p.First:yyyy-MM-dd} to {p.Last:yyyy-MM-dd}");
    public string MonthlyTitle(ReportPeriod p) => Pick($"舆情月报 {p.First:yyyy年M月}", $"Monthly report {p.First:yyyy-MM}");
    public string AsOf(DateTimeOffset local) => Pick($"截至 {local:yyyy-MM-dd HH:mm}", $"As of {local:yyyy-MM-dd HH:mm}");
    public string NewToday(int count, int negative) => Pick($"今日新增舆情 {count} 起（负面 {negative} 起）", $"New today: {count} ({negative} negative)");
    public string PeriodTotal(int count, int negative) => Pick($"共发现舆情 {count} 起（负面 {negative} 起）", $"Incidents found: {count} ({negative} negative)");
    public string FalseAlarmsAndOpen(int falseAlarms, int open) =>
        Pick($"误报 {falseAlarms} 起，尚未办结 {open} 起", $"False alarms: {falseAlarms}; still open: {open}");
    public string ByGrade => Pick("按等级", "By grade");
    public string ByTopic => Pick("按话题", "By topic");
    public string BySource => Pick("按来源", "By source");
    public string ByDepartment => Pick("按部门", "By department");
    public string NoTopic => Pick("未分类", "no topic");
    public string NoDepartment => Pick("未分配", "unassigned");
    public string NoneYet => Pick("无", "none");
    public string DeadlinesHeading => Pick("时限执行情况", "Deadlines");
    public string ReportDeadlinesLine(DeadlineOptions d) => Pick(
        $"上报时限（重大{Window(d.Major)}/较大{Window(d.Larger)}/一般{Window(d.General)}）",
        $"Report deadline (major {Window(d.Major)} / larger {Window(d.Larger)} / general {Window(d.General)})");
    public string ClaimDeadlinesLine(DeadlineOptions d) =>
        Pick($"负面舆情{Window(d.NegativeClaim)}内认领", $"Negative items claimed within {Window(d.NegativeClaim)}");

    /// <summary>A configured deadline window: "2小时" / "2 h", or minutes when not whole hours.</summary>
    public string Window(TimeSpan span) => span.Ticks % TimeSpan.TicksPerHour == 0
        ? Pick($"{(long)span.TotalHours}小时", $"{(long)span.TotalHours} h")
        : Pick($"{(long)span.TotalMinutes}分钟", $"{(long)span.TotalMinutes} min");
    public string OpenHeading(int open, int overdue) => Pick($"尚未办结 {open} 起，其中超时 {overdue} 起", $"Still open: {open}, overdue: {overdue}");
    public string OverdueReport => Pick("超时未上报", "report overdue");
    public string OverdueClaim => Pick("超时未认领", "claim overdue");
    public string TopHeading => Pick("重点舆情", "Top items");
    public string More(int count) => Pick($"……另有 {count} 起", $"… and {count} more");
    public string TimesHeading => Pick("处置用时（中位数）", "Time taken (median)");
    public string ToClaim => Pick("认领", "to claim");
    public string ToReport => Pick("上报", "to report");
    public string ToResolve => Pick("处置", "to resolve");
    public string BusiestDays => Pick("舆情最多的日子", "Busiest days");
    public string Colon => Pick("：", ": ");
    public string InParens(string inner) => Pick($"（{inner}）", $" ({inner})");
    public string Count(int n) => Pick($"{n} 起", n.ToString());

    public string Duration(TimeSpan? span) => span switch
    {
        null => Pick("无", "n/a"),
        { TotalDays: >= 1 } d => Pick($"{(int)d.TotalDays}天{d.Hours}小时", $"{(int)d.TotalDays} d {d.Hours} h"),
        { TotalHours: >= 1 } h => Pick($"{(int)h.TotalHours}小时{h.Minutes}分钟", $"{(int)h.TotalHours} h {h.Minutes} min"),
        { } m => Pick($"{Math.Max(0, (int)m.TotalMinutes)}分钟", $"{Math.Max(0, (int)m.TotalMinutes)} min"),
    };

    // Special report (舆情专报) for one incident.
    public string SpecialTitle => Pick("舆情专报", "Special report");
    public string SpecialSubtitle(string number, DateTimeOffset local) =>
        Pick($"编号 {number}　报送时间 {local:yyyy-MM-dd HH:mm}", $"Incident {number}, reported {local:yyyy-MM-dd HH:mm}");
    public string SpecialFileName(string number) => Pick($"舆情专报_{number}.docx", $"special-report-{number}.docx");
    public string SecBasic => Pick("一、基本情况", "1. Basic content");
    public string SecFirst => Pick("二、首发情况", "2. First publication");
    public string SecSpread => Pick("三、传播情况", "3. Spread");
    public string SecTruth => Pick("四、核实情况", "4. What is known of the truth");
    public string SecBackground => Pick("五、背景及佐证材料", "5. Background and supporting material");
    public string SecTrend => Pick("六、趋势研判", "6. Trend judgement");
    public string SecMeasures => Pick("七、已采取措施", "7. Measures taken");
    public string SecSuggestions => Pick("八、工作建议", "8. Suggestions");
    public string TopicsLabel => Pick("涉及话题", "Topics");
    public string GradeReasonLabel => Pick("定级依据", "Why this grade");
    public string SpreadSummary(int sources, int places) =>
        Pick($"共在 {sources} 个来源发现 {places} 处相关信息：", $"Seen in {places} places across {sources} sources:");
    public string TruthPending => Pick("尚在核实中。", "Still being verified.");
    public string NoMaterial => Pick("暂无。", "None yet.");
    public string EvidenceLine(string number, string captured, int status, string sha) => status == 0
        ? Pick($"证据 {number}：{captured} 截取，原页面未能取得，保存来源所列标题和正文，SHA-256 {sha}",
            $"Evidence {number}: captured {captured}; the page could not be fetched, so the source's title and text are kept; SHA-256 {sha}")
        : Pick($"证据 {number}：{captured} 截取，HTTP {status}，SHA-256 {sha}", $"Evidence {number}: captured {captured}, HTTP {status}, SHA-256 {sha}");
    public string TrendAuto(int sources, int recent) => recent > 0
        ? Pick($"已在 {sources} 个来源传播，近2小时新增 {recent} 处，呈扩散态势，需持续跟踪。", $"Spread across {sources} sources, {recent} new in the last 2 hours: still spreading, keep watching.")
        : Pick($"已在 {sources} 个来源传播，近2小时无新增，趋于平稳，仍需防止反复。", $"Spread across {sources} sources, nothing new in the last 2 hours: calming down; watch for a flare-up.");
    public string DefaultSuggestions => Pick(
        "建议由领导小组统筹，相关部门联动处置；尽快核实并发布权威信息，主动回应关切；持续监测，防止舆情反复。",
        "Let the leadership group coordinate a joint response by the departments involved; verify quickly and publish authoritative information; keep monitoring to prevent a flare-up.");
    public string Outcome(string outcome) => Pick($"处理结果：{outcome}", $"Handling result: {outcome}");
}
