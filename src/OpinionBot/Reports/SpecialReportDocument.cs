using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace OpinionBot.Reports;

/// <summary>Writes a <see cref="SpecialReport"/> as a plain A4 .docx: centred title, bold headings, body paragraphs.</summary>
internal static class SpecialReportDocument
{
    // Official documents here use 黑体 for headings and 宋体 for the body; Word substitutes if they are missing.
    private const string HeadingFont = "黑体";
    private const string BodyFont = "宋体";

    public static byte[] Write(SpecialReport report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(report.Title, HeadingFont, 44, bold: true, JustificationValues.Center));
            body.Append(Paragraph(report.Subtitle, BodyFont, 24, bold: false, JustificationValues.Center));
            foreach (var section in report.Sections)
            {
                body.Append(Paragraph(section.Heading, HeadingFont, 32, bold: true, JustificationValues.Left));
                foreach (var text in section.Paragraphs)
                {
                    body.Append(Paragraph(text, BodyFont, 28, bold: false, JustificationValues.Both, indent: true));
                }
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <param name="halfPoints">Font size in half-points (28 = 14 pt, 四号).</param>
    private static Paragraph Paragraph(string text, string font, int halfPoints, bool bold, JustificationValues align, bool indent = false)
    {
        // Children in schema order: fonts, bold, size; spacing, indentation, justification.
        var runProperties = new RunProperties(new RunFonts { EastAsia = font, Ascii = font, HighAnsi = font });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        runProperties.Append(new FontSize { Val = halfPoints.ToString() });
        var paragraphProperties = new ParagraphProperties(
            new SpacingBetweenLines { After = "120", Line = "360", LineRule = LineSpacingRuleValues.Auto });
        if (indent)
        {
            // Two characters of first-line indent, as Chinese documents are set.
            paragraphProperties.Append(new Indentation { FirstLineChars = 200 });
        }

        paragraphProperties.Append(new Justification { Val = align });
        return new Paragraph(paragraphProperties, new Run(runProperties, new WordText(DocumentText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
