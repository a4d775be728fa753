using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace OpinionBot.Reports.Documents;

/// <summary>
/// Writes an <see cref="OfficialDocument"/> as an A4 .docx set the way official documents are (GB/T 9704 in spirit):
/// 密级 at the top left, the red header (unit and document name in red 小标宋), the issue line, the sender and signer
/// line over a red rule, the title, 黑体 headings, 仿宋 body with a two-character indent, and the date at the right.
/// </summary>
public static class OfficialDocx
{
    // Word substitutes these when a machine lacks them; they are what an office printer expects.
    private const string HeaderFont = "方正小标宋简体";
    private const string HeadingFont = "黑体";
    private const string BodyFont = "仿宋_GB2312";
    private const string Red = "FF0000";

    public static byte[] Write(OfficialDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            if (document.Classification is { Length: > 0 } classification)
            {
                body.Append(Line(classification, HeadingFont, 32, JustificationValues.Left));
            }

            if (document.Unit.Length > 0)
            {
                body.Append(Line(document.Unit, HeaderFont, 44, JustificationValues.Center, color: Red, bold: true));
            }

            body.Append(Line(document.Kind, HeaderFont, 72, JustificationValues.Center, color: Red, bold: true));
            if (document.Issue is { Length: > 0 } issue)
            {
                body.Append(Line(issue, BodyFont, 32, JustificationValues.Center));
            }

            // Sender at the left, signer at the right (a right tab stop at the text width), over the red rule.
            body.Append(SenderAndSigner(document.SenderLine, document.SignerLine));
            body.Append(Line(document.Title, HeaderFont, 44, JustificationValues.Center, bold: true));
            foreach (var section in document.Sections)
            {
                body.Append(Line(section.Heading, HeadingFont, 32, JustificationValues.Left));
                foreach (var paragraph in section.Paragraphs)
                {
                    body.Append(Line(paragraph, BodyFont, 32, JustificationValues.Both, indent: true));
                }
            }

            body.Append(Line(document.Date, BodyFont, 32, JustificationValues.Right));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                // 37 mm top, 35 mm bottom, 28 mm left, 26 mm right.
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Paragraph SenderAndSigner(string sender, string signer)
    {
        var properties = new ParagraphProperties(
            new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 18, Space = 4, Color = Red }),
            new Tabs(new TabStop { Val = TabStopValues.Right, Position = 8844 }),
            new SpacingBetweenLines { Before = "240", After = "360" });
        return new Paragraph(properties,
            Run(sender, BodyFont, 32, false, null),
            new Run(new TabChar()),
            Run(signer, BodyFont, 32, false, null));
    }

    /// <param name="halfPoints">Font size in half-points (32 = 16 pt, 三号; 44 = 22 pt, 二号).</param>
    private static Paragraph Line(string text, string font, int halfPoints, JustificationValues align, string? color = null,
        bool bold = false, bool indent = false)
    {
        // Body lines at a fixed 28 pt as offices set them; the larger header lines take the height they need.
        var properties = new ParagraphProperties(halfPoints <= 32
            ? new SpacingBetweenLines { After = "120", Line = "560", LineRule = LineSpacingRuleValues.Exact }
            : new SpacingBetweenLines { After = "120", Line = "240", LineRule = LineSpacingRuleValues.Auto });
        if (indent)
        {
            properties.Append(new Indentation { FirstLineChars = 200 });
        }

        properties.Append(new Justification { Val = align });
        return new Paragraph(properties, Run(text, font, halfPoints, bold, color));
    }

    private static Run Run(string text, string font, int halfPoints, bool bold, string? color)
    {
        // Children in schema order: fonts, bold, color, size.
        var properties = new RunProperties(new RunFonts { EastAsia = font, Ascii = font, HighAnsi = font });
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }

        properties.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Run(properties, new WordText(DocumentText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
    }
}
