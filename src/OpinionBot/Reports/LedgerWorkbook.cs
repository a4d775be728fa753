using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SheetText = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace OpinionBot.Reports;

/// <summary>Writes ledger rows as one .xlsx sheet: bold frozen header row, date cells, column widths and filters on.</summary>
internal static class LedgerWorkbook
{
    private const uint DateStyle = 1;
    private const uint HeaderStyle = 2;

    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IReadOnlyList<LedgerColumn> columns, IReadOnlyList<LedgerRow> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();

            var data = new SheetData(HeaderRow(headers));
            for (var i = 0; i < rows.Count; i++)
            {
                data.Append(DataRow((uint)i + 2, columns, rows[i]));
            }

            var range = $"A1:{ColumnName(columns.Count)}{rows.Count + 1}";
            sheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { WorkbookViewId = 0 }),
                new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })),
                data,
                new AutoFilter { Reference = range });

            var name = DocumentText.Clean(sheetName, 31);
            workbookPart.Workbook = new Workbook(
                new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = name }),
                // Excel keeps the filter range in this hidden name; without it some versions drop the filter buttons.
                new DefinedNames(new DefinedName($"'{name}'!$A$1:${ColumnName(columns.Count)}${rows.Count + 1}")
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = 0,
                    Hidden = true,
                }));
        }

        return stream.ToArray();
    }

    public static string ColumnName(int oneBased)
    {
        var name = "";
        for (var n = oneBased; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static Row HeaderRow(IReadOnlyList<string> headers) =>
        new(headers.Select(h => TextCell(h, HeaderStyle))) { RowIndex = 1 };

    private static Row DataRow(uint index, IReadOnlyList<LedgerColumn> columns, LedgerRow row) =>
        new(columns.Select(c => c.Value(row) switch
        {
            DateTime date => new Cell { CellValue = new CellValue(date.ToOADate()), StyleIndex = DateStyle },
            int count => new Cell { CellValue = new CellValue(count), DataType = CellValues.Number },
            string text when text.Length > 0 => TextCell(text, 0),
            _ => new Cell(),
        }))
        { RowIndex = index };

    private static Cell TextCell(string text, uint style) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new SheetText(DocumentText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style,
    };

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 1 },
        new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true })
        { Count = 3 });
}
