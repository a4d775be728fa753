namespace OpinionBot.Text;

/// <summary>Texts of the browser captures and <c>/evidence</c> with screenshots.</summary>
public sealed partial class Strings
{
    public string EvidenceSendingParts(string number, int entries, int screenshots) => Pick(
        $"{number} 共 {entries} 份证据备份（{screenshots} 份含网页截图和 PDF 打印件），每份含原始页面和提取文本；截图先以相册发送，完整文件随后",
        $"{number}: {entries} evidence entries ({screenshots} with a page screenshot and a PDF print), each with the raw page and the extracted text; screenshots first as an album, then the full files");
    public string EvidenceScreenshot => Pick("整页截图", "full-page screenshot");
    public string EvidencePdf => Pick("PDF 打印件", "PDF print");
    public string EvidencePreview => Pick("截图预览（页面顶部；完整截图见 PNG 文件）", "screenshot preview (top of the page; the full screenshot is the PNG file)");
    public string EvidenceFinalUrl(string url) => Pick($"最终网址：{url}", $"Final URL: {url}");

    public string BrowserOff => Pick(
        "未找到浏览器（请安装 chromium）：证据备份只保存原始页面和文本，不含截图和 PDF；设置为浏览器读取的来源无法读取",
        "No browser found (install chromium): evidence keeps the raw page and its text, without screenshots or PDF prints; sources set to read through the browser cannot be read");
}
