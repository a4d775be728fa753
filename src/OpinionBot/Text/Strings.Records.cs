namespace OpinionBot.Text;

/// <summary>Record commands: the ledger, on-demand reports, the special report and evidence.</summary>
public sealed partial class Strings
{
    public string LedgerDescription => Pick("导出舆情台账（Excel 或 CSV）", "Export the incident ledger (Excel or CSV)");
    public string LedgerUsage => Pick(
        "/ledger [csv] [起始日期] [截止日期]（日期如 2026-11-01 或 11-01，默认本月）",
        "/ledger [csv] [from] [to] (dates like 2026-11-01 or 11-01; this month by default)");
    public string PeriodReportDescription => Pick("；或生成日报/周报/月报", "; or produce the daily/weekly/monthly report");
    public string PeriodReportUsage => Pick(
        "/report daily|weekly|monthly（日报|周报|月报）[日期]",
        "/report daily|weekly|monthly [date]");
    public string SpecialDescription => Pick("生成某条舆情的舆情专报（Word 文档）", "Special report on an incident (Word document)");
    public string SpecialUsage => Pick("/special 编号（或回复舆情卡片）", "/special N (or reply to the card)");
    public string EvidenceDescription => Pick("发送某条舆情的证据备份文件", "Send an incident's evidence files");
    public string EvidenceUsage => Pick("/evidence 编号（或回复舆情卡片）", "/evidence N (or reply to the card)");

    public string BadDates(string words) => Pick($"日期无法识别或先后顺序不对：{words}", $"Cannot read these dates, or they are out of order: {words}");
    public string LedgerCaption(DateOnly from, DateOnly to, int count) => Pick(
        $"舆情台账 {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}，共 {count} 条",
        $"Ledger {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: {count} incidents");
    public string ReportProduced(string title) => Pick($"已生成：{title}", $"Produced: {title}");
    public string SpecialCaption(string number) => Pick($"舆情专报 {number}（Word 文档，可打印或转发）", $"Special report {number} (Word document, to print or forward)");
    public string NoEvidenceYet(string number) => Pick($"{number} 暂无证据备份", $"No evidence yet for {number}");
    public string EvidenceSending(string number, int entries) => Pick(
        $"{number} 共 {entries} 份证据备份，每份含原始页面和提取文本",
        $"{number}: {entries} evidence entries, each as the raw page and the extracted text");
    public string EvidenceRaw => Pick("原始页面", "raw page");
    public string EvidenceText => Pick("提取文本", "extracted text");
    public string EvidenceCaption(string number, string part, string captured, int status, string sha256) => Pick(
        $"{number} {part}\n采集时间：{captured}\nHTTP 状态：{(status == 0 ? "未能获取" : status)}\nSHA-256：{sha256}",
        $"{number} {part}\nCaptured: {captured}\nHTTP status: {(status == 0 ? "not fetched" : status)}\nSHA-256: {sha256}");
    public string EvidenceVerified => Pick("校验一致", "hash verified");
    public string EvidenceTampered(string actual) => Pick(
        $"⚠️ 校验不一致：当前文件的 SHA-256 为 {actual}，与采集时记录的不同",
        $"⚠️ Hash mismatch: the stored file now hashes to {actual}, not what was recorded at capture");
}
