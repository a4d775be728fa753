using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using OpinionBot.Reports;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Reports;

public sealed class LedgerExporterTests
{
    private static readonly LedgerExporter Exporter = new(Strings.Chinese, ReportFixtures.Zone, ReportFixtures.Deadlines);

    private static IReadOnlyList<LedgerRow> MarchRows() => Exporter.Rows(
        ReportFixtures.March(), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), ReportFixtures.Later,
        id => id == 101 ? "张三" : null, i => i.Number == "2026-0001" ? ["YL-2026-0001-01", "YL-2026-0001-02"] : []);

    [Fact]
    public void Rows_March_IncludesLocalDaysOnlyOldestFirst()
    {
        var rows = MarchRows();

        // 0007 was found at 00:30 on 1 April in Beijing (still 31 March in UTC): not in March's ledger.
        Assert.Equal(["2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005", "2026-0006", "2026-0008"], rows.Select(r => r.Number));
        var first = rows[0];
        Assert.Equal(new DateTime(2026, 3, 2, 8, 10, 0), first.Published);
        Assert.Equal("本地论坛", first.FirstMedium);
        Assert.Equal(("重大", "是", "张三", "已处置", "澄清回应"), (first.Grade, first.Negative, first.Assignee, first.Status, first.Outcome));
        Assert.Equal(("2026-03-02 10:00（按时，提前30 分钟）", "2026-03-02 11:00（按时，提前30 分钟）"), (first.ClaimDeadline, first.ReportDeadline));
        Assert.Equal(("2026-03-02 15:00（超时10 分钟）", "2026-03-02 17:00（超时1 小时 0 分钟）"), (rows[1].ClaimDeadline, rows[1].ReportDeadline));
        Assert.Equal("102", rows[1].Assignee);
        Assert.Equal("YL-2026-0001-01 YL-2026-0001-02", first.Evidence);
    }

    [Fact]
    public void Xlsx_ReadBack_HasChineseHeadersDatesFilterAndFrozenHeader()
    {
        var rows = MarchRows();
        using var document = SpreadsheetDocument.Open(new MemoryStream(Exporter.Xlsx(rows)), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.Single().Worksheet;
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var cells = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();

        Assert.Equal("舆情台账", workbook.Workbook.Descendants<Sheet>().Single().Name!.Value);
        Assert.Equal(8, cells.Count);
        Assert.Equal(["序号", "编号", "主题", "专题", "网址", "发布时间", "首发媒体", "来源数", "转载数", "发现时间"], cells[0].Take(10).Select(c => c.InnerText));
        Assert.Equal(["1", "2026-0001", "测试舆情 1", "医院投诉"], cells[1].Take(4).Select(c => c.InnerText));
        Assert.Equal(["2", "1"], cells[1].Skip(7).Take(2).Select(c => c.CellValue!.Text));
        Assert.Null(cells[1][7].InlineString); // counts are numbers a spreadsheet can sum
        Assert.Equal(["处置措施", "处置时间", "负面认领时限", "上报时限", "证据编号", "备注"], cells[0].Skip(18).Select(c => c.InnerText));
        var discovered = DateTime.FromOADate(double.Parse(cells[1][9].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0), discovered);

        var dateFormat = workbook.WorkbookStylesPart!.Stylesheet.Descendants<NumberingFormat>().Single();
        var dateStyle = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cells[1][9].StyleIndex!.Value);
        Assert.Equal(dateFormat.NumberFormatId!.Value, dateStyle.NumberFormatId!.Value);
        Assert.Equal("yyyy-mm-dd hh:mm", dateFormat.FormatCode!.Value);

        Assert.Equal("A1:X8", sheet.Descendants<AutoFilter>().Single().Reference!.Value);
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, "A2"), (pane.State!.Value, pane.TopLeftCell!.Value));
    }

    [Fact]
    public void Csv_Bytes_StartWithBomAndQuoteAndDefuseFormulas()
    {
        var incidents = ReportFixtures.March();
        incidents[0].Title = "=HYPERLINK(\"http://x.invalid\"),\"坏\"";

        var rows = Exporter.Rows(incidents, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), ReportFixtures.Later);
        var bytes = Exporter.Csv(rows);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("序号,编号,主题,专题,网址,发布时间,首发媒体,来源数,转载数,发现时间", lines[0]);
        Assert.StartsWith("1,2026-0001,\"'=HYPERLINK(\"\"http://x.invalid\"\"),\"\"坏\"\"\",医院投诉,https://forum.example.invalid/t/1,2026-03-02 08:10,本地论坛,2,1,2026-03-02 09:00", lines[1]);
        Assert.Equal(9, lines.Length); // header, 7 rows, and the empty string after the last CRLF
    }

    [Fact]
    public void Xlsx_TitleWithControlCharacters_StillOpens()
    {
        var incidents = ReportFixtures.March();
        incidents[0].Title = "坏\u0001标题\uD800";
        var rows = Exporter.Rows(incidents, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), ReportFixtures.Later);

        using var document = SpreadsheetDocument.Open(new MemoryStream(Exporter.Xlsx(rows)), false);

        Assert.Contains(document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>(), c => c.InnerText == "坏标题");
    }

    [Theory]
    [InlineData(1, "A")]
    [InlineData(18, "R")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(703, "AAA")]
    public void ColumnName_Index_IsExcelLetters(int index, string expected) =>
        Assert.Equal(expected, LedgerWorkbook.ColumnName(index));
}
