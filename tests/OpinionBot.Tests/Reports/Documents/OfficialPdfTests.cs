using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Reports.Documents;
using OpinionBot.Tests.Reports;
using OpinionBot.Tests.Support;
using OpinionBot.Text;
using SkiaSharp;
using Xunit;

namespace OpinionBot.Tests.Reports.Documents;

/// <summary>The 专报 and the 抄告单 printed to PDF with the system's CJK font, read back with poppler.</summary>
public sealed class OfficialPdfTests
{
    private static readonly DateTimeOffset Now = ReportFixtures.At("2026-03-02 12:00");
    private static readonly DocumentHeading Heading = new("某某县网络舆情工作领导小组办公室", 2026, 3, "赵主任", "内部", new DateOnly(2026, 3, 2));

    private static OfficialDocument Special(Strings text, int extraPlaces = 0)
    {
        var incident = ReportFixtures.March()[0];
        incident.Notes = [new IncidentNote { At = Now, ActorName = "李四", Text = "核实：收费标准经卫健委确认无误" }];
        for (var i = 0; i < extraPlaces; i++)
        {
            incident.Appearances.Add(new Appearance { SourceName = $"转载站点{i}", Url = $"http://127.0.0.1/very/long/path/{i}/" + new string('x', 80), Title = "转载", Discovered = Now });
        }

        var evidence = new EvidenceRecord { Id = "YL-2026-0001-01", CapturedAt = Now, HttpStatus = 200, Sha256 = new string('a', 64), Url = "https://forum.example.invalid/t/1" };
        return SpecialReport.Build(incident, [evidence], text, ReportFixtures.Zone, Now).Official(Heading, text);
    }

    private static byte[] Print(OfficialDocument document) => new OfficialPdf(DocumentFonts.Find()!).Write(document, Now);

    [NeedsFact(NeedsFactAttribute.CjkFont, "pdftotext", "pdftoppm")]
    public void SpecialReport_Pdf_TextLayerHasTheChineseSectionsAndTheHeader()
    {
        var pdf = Print(Special(Strings.Chinese));

        var text = Poppler.Text(pdf);
        foreach (var expected in new[] { "密级：内部", "某某县网络舆情工作领导小组办公室", "舆情专报", "2026年第3期", "报送单位：", "签发人：赵主任",
            "一、基本情况", "二、首发情况", "首发时间：2026-03-02 08:10", "三、传播情况", "四、核实情况", "收费标准经卫健委确认无误",
            "五、处置措施", "六、研判与建议", "七、附件", "YL-2026-0001-01", "2026年3月2日" })
        {
            Assert.Contains(expected, text);
        }
    }

    [NeedsFact(NeedsFactAttribute.CjkFont, "pdftoppm")]
    public void SpecialReport_Rendered_HasARedHeaderAndRealGlyphs()
    {
        using var page = SKBitmap.Decode(Poppler.Png(Print(Special(Strings.Chinese)), dpi: 60));

        // The top fifth holds the red header and the red rule; the rest is black body text on white.
        var (red, dark) = (0, 0);
        for (var y = 0; y < page.Height; y++)
        {
            for (var x = 0; x < page.Width; x++)
            {
                var c = page.GetPixel(x, y);
                red += y < page.Height / 4 && c.Red > 180 && c.Green < 90 && c.Blue < 90 ? 1 : 0;
                dark += y > page.Height / 4 && c.Red < 100 && c.Green < 100 && c.Blue < 100 ? 1 : 0;
            }
        }

        Assert.True(red > 300, $"red header pixels: {red}");
        Assert.True(dark > 2000, $"body ink pixels: {dark}");
    }

    [NeedsFact(NeedsFactAttribute.CjkFont, "pdftotext")]
    public void LongReport_FlowsOntoMorePagesWithEveryLineKept()
    {
        var pdf = Print(Special(Strings.Chinese, extraPlaces: 60));

        Assert.True(Poppler.Pages(pdf) >= 3);
        var text = Poppler.Text(pdf);
        Assert.Contains("转载站点59", text);
        Assert.Contains("3 —", text);
    }

    [NeedsFact(NeedsFactAttribute.CjkFont)]
    public void Pdf_EmbedsASubsetOfTheFont_NotTheWholeCollection()
    {
        var pdf = Print(Special(Strings.Chinese));

        Assert.True(pdf.Length < 1_000_000, $"{pdf.Length} bytes"); // the Noto CJK collections are 20+ MB each
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
    }

    [NeedsFact(NeedsFactAttribute.CjkFont, "pdftotext")]
    public void ContactSheet_Pdf_NamesTheDepartmentAndTheRequest()
    {
        var incident = ReportFixtures.March()[0];
        var sheet = ContactSheet.Build(incident, "卫健委", Heading, Strings.Chinese, ReportFixtures.Zone, Now);

        var text = Poppler.Text(Print(sheet));

        Assert.Contains("网络舆情抄告单", text);
        Assert.Contains("抄告单位：卫健委", text);
        Assert.Contains("四、工作要求", text);
        Assert.Contains("谁主管、谁负责", text);
    }
}
