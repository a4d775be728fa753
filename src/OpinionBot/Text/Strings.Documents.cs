namespace OpinionBot.Text;

/// <summary>Texts of the documents in the official layout: the 舆情专报 and the 网络舆情抄告单.</summary>
public sealed partial class Strings
{
    public string IssueLine(int year, long? issue) => issue is { } n ? Pick($"{year}年第{n}期", $"{year}, issue {n}") : "";
    public string ClassificationLine(string level) => Pick($"密级：{level}", $"Classification: {level}");
    public string SenderLine(string unit) => Pick($"报送单位：{unit}", $"From: {unit}");
    public string SignerLine(string signer) => Pick($"签发人：{signer}", $"Signed off by: {signer}");
    public string DocumentDate(DateOnly day) => Pick($"{day.Year}年{day.Month}月{day.Day}日", day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
    public string FirstPublishedLabel => Pick("首发时间", "First published");
    public string DocSecMeasures => Pick("五、处置措施", "5. Measures taken");
    public string DocSecJudgement => Pick("六、研判与建议", "6. Judgement and suggestions");
    public string DocSecAttachments => Pick("七、附件", "7. Attachments");
    public string NoMeasuresYet => Pick("尚未采取处置措施。", "No measures taken yet.");
    public string NoEvidenceAttached => Pick("暂无证据备份。", "No evidence saved yet.");
    public string GeneralSuggestions => Pick(
        "建议责任部门及时核实回应，持续关注舆情走势。",
        "Let the responsible department verify and respond promptly, and keep watching how it develops.");

    public string AttachmentLine(int n, string number, string captured, int status, string sha256, string url) => status == 0
        ? Pick($"{n}. 证据 {number}（{captured} 截取，原页面未能取得，保存来源所列内容）SHA-256：{sha256}　{url}",
            $"{n}. Evidence {number} (captured {captured}; the page could not be fetched, what the source listed is kept) SHA-256: {sha256}  {url}")
        : Pick($"{n}. 证据 {number}（{captured} 截取，HTTP {status}）SHA-256：{sha256}　{url}",
            $"{n}. Evidence {number} (captured {captured}, HTTP {status}) SHA-256: {sha256}  {url}");

    public string SpecialPdfFileName(string number) => Pick($"舆情专报_{number}.pdf", $"special-report-{number}.pdf");
    public string SpecialPdfCaption(string number) => Pick($"舆情专报 {number}（PDF，版式固定）", $"Special report {number} (PDF, fixed layout)");
    public string NoPdfFont => Pick(
        "未生成 PDF：服务器未安装中文字体（如 fonts-noto-cjk），请安装后重试；Word 文档已发送。",
        "No PDF: the server has no CJK font installed (e.g. fonts-noto-cjk); the Word document was sent.");

    // 网络舆情抄告单: the contact sheet sent to the head of the responsible unit for a complex item [002].
    public string NoticeKind => Pick("网络舆情抄告单", "Online opinion contact sheet");
    public string NoticeDescription => Pick("向责任部门发出网络舆情抄告单", "Send a contact sheet to the responsible department");
    public string NoticeUsage => Pick("/notice 编号 部门（或回复舆情卡片：/notice 部门）", "/notice N department (or reply to the card: /notice department)");
    public string NoticeTo(string department) => Pick($"抄告单位：{department}", $"To: {department}");
    public string NoticeSecItem => Pick("一、舆情概要", "1. The item");
    public string NoticeSecFirst => Pick("二、首发情况", "2. First publication");
    public string NoticeSecSpread => Pick("三、传播情况", "3. Spread");
    public string NoticeSecRequest => Pick("四、工作要求", "4. What we ask");
    public string NoticeRequest(string deadline) => Pick(
        $"请按照“谁主管、谁负责”的原则，及时核实情况、妥善处置，并于 {deadline} 前将核实及处置情况反馈至舆情工作办公室。",
        $"Following \"whoever is in charge is responsible\", please verify and handle this promptly and report back what you found and did by {deadline}.");
    public string NoticeMessage(string number, string department, string title) => Pick(
        $"📨 网络舆情抄告单 {number}\n抄告单位：{department}\n{title}\n请部门负责人阅处，详见附件。",
        $"📨 Contact sheet {number}\nTo: {department}\n{title}\nFor the department head's attention; see the attached files.");

    public string NoticeSent(string number, string department, bool toChat, bool toLead) => Pick(
        $"已向{department}发出 {number} 抄告单" + (toChat || toLead ? $"（{(toChat ? "部门群" : "")}{(toChat && toLead ? "、" : "")}{(toLead ? "部门负责人" : "")}）" : "（该部门未配置群或负责人，请转交）"),
        $"Contact sheet {number} sent to {department}" + (toChat || toLead ? $" ({(toChat ? "department chat" : "")}{(toChat && toLead ? ", " : "")}{(toLead ? "department lead" : "")})" : " (the department has no chat or lead configured: please pass it on)"));

    public string UnknownDepartment(string name, string known) => Pick(
        $"没有名为“{name}”的部门。已配置的部门：{known}",
        $"No department named \"{name}\". Configured departments: {known}");

    public string NoticeFileName(string number, string extension) => Pick($"舆情抄告单_{number}.{extension}", $"contact-sheet-{number}.{extension}");
}
