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
    public string ColClaimDeadline => Pick("1小时认领时限", "1-hour claim deadline");
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
}
