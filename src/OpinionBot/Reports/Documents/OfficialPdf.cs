using System.Globalization;
using SkiaSharp;

namespace OpinionBot.Reports.Documents;

/// <summary>
/// Prints an <see cref="OfficialDocument"/> to an A4 PDF with Skia's PDF back end (already used for charts, so no new
/// package): the same layout as <see cref="OfficialDocx"/>, the CJK font embedded as a subset, a text layer that
/// copies and searches as Chinese, and a page number at the foot of each page (— 1 —).
/// </summary>
public sealed class OfficialPdf(DocumentFonts fonts)
{
    private const float Width = 595.28f;
    private const float Height = 841.89f;
    private const float Top = 104.9f;     // 37 mm
    private const float Bottom = 99.2f;   // 35 mm
    private const float Left = 79.4f;     // 28 mm
    private const float Right = 73.7f;    // 26 mm
    private const float BodySize = 16f;   // 三号
    private const float LineHeight = 28f;

    private static readonly SKColor Red = new(0xE6, 0x00, 0x12);

    public byte[] Write(OfficialDocument document, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = document.Kind + " " + document.Title,
            Creator = "OpinionBot",
            Creation = created.UtcDateTime,
            Modified = created.UtcDateTime,
            RasterDpi = 150,
        };
        using (var pdf = SKDocument.CreatePdf(stream, metadata))
        {
            new Pages(pdf, fonts).Print(document);
            pdf.Close();
        }

        return stream.ToArray();
    }

    /// <summary>The printing cursor: the page being drawn and how far down it is.</summary>
    private sealed class Pages(SKDocument pdf, DocumentFonts fonts)
    {
        private SKCanvas? _canvas;
        private float _y;
        private int _page;

        private static float TextWidth => Width - Left - Right;

        public void Print(OfficialDocument document)
        {
            NewPage();
            if (document.Classification is { Length: > 0 } classification)
            {
                Paragraph(classification, fonts.Heading, BodySize, SKColors.Black, Align.Left);
            }

            _y += 12;
            if (document.Unit.Length > 0)
            {
                Paragraph(document.Unit, fonts.Header, 22, Red, Align.Center, lineHeight: 34);
            }

            Paragraph(document.Kind, fonts.Header, 36, Red, Align.Center, lineHeight: 52);
            if (document.Issue is { Length: > 0 } issue)
            {
                Paragraph(issue, fonts.Body, BodySize, SKColors.Black, Align.Center);
            }

            SenderAndSigner(document.SenderLine, document.SignerLine);
            Paragraph(document.Title, fonts.Header, 22, SKColors.Black, Align.Center, lineHeight: 34);
            _y += 8;
            foreach (var section in document.Sections)
            {
                Paragraph(section.Heading, fonts.Heading, BodySize, SKColors.Black, Align.Left);
                foreach (var text in section.Paragraphs)
                {
                    Paragraph(text, fonts.Body, BodySize, SKColors.Black, Align.Left, indent: true);
                }
            }

            _y += LineHeight;
            Paragraph(document.Date, fonts.Body, BodySize, SKColors.Black, Align.Right);
            EndPage();
        }

        private void SenderAndSigner(string sender, string signer)
        {
            using var font = new SKFont(fonts.Body, BodySize);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            Room(LineHeight + 12);
            _y += 8;
            var baseline = _y + BodySize;
            var right = Fit(signer, font, TextWidth / 2);
            Draw(Fit(sender, font, TextWidth - font.MeasureText(right) - BodySize), Left, baseline, font, ink);
            Draw(right, Width - Right - font.MeasureText(right), baseline, font, ink);
            _y += LineHeight;
            using var rule = new SKPaint { Color = Red, StrokeWidth = 1.5f, IsAntialias = true };
            Canvas.DrawLine(Left, _y, Width - Right, _y, rule);
            _y += 16;
        }

        private void Paragraph(string text, SKTypeface face, float size, SKColor color, Align align, bool indent = false, float lineHeight = LineHeight)
        {
            using var font = new SKFont(face, size);
            using var ink = new SKPaint { Color = color, IsAntialias = true };
            var first = true;
            foreach (var line in Wrap(DocumentText.Clean(text, 8000), font, indent ? size * 2 : 0))
            {
                Room(lineHeight);
                var x = align switch
                {
                    Align.Center => Left + ((TextWidth - font.MeasureText(line)) / 2),
                    Align.Right => Width - Right - font.MeasureText(line),
                    _ => Left + (indent && first ? size * 2 : 0),
                };
                Draw(line, x, _y + ((lineHeight + size) / 2) - 2, font, ink);
                _y += lineHeight;
                first = false;
            }
        }

        /// <summary>
        /// Lines that fit the text width: Chinese breaks between any two characters, a Latin word or number moves to the
        /// next line whole unless it alone is wider than a line (a long link or hash is then broken anywhere).
        /// </summary>
        private static List<string> Wrap(string text, SKFont font, float firstIndent)
        {
            var lines = new List<string>();
            var elements = StringInfo.GetTextElementEnumerator(text.Replace('\n', ' '));
            var line = new System.Text.StringBuilder();
            var width = 0f;
            var limit = TextWidth - firstIndent;
            while (elements.MoveNext())
            {
                var element = (string)elements.Current;
                var w = font.MeasureText(element);
                if (width + w > limit && line.Length > 0)
                {
                    var cut = WordStart(line, element);
                    var carried = cut > 0 ? line.ToString(cut, line.Length - cut) : "";
                    lines.Add((cut > 0 ? line.ToString(0, cut) : line.ToString()).TrimEnd());
                    line.Clear().Append(carried.TrimStart());
                    width = font.MeasureText(line.ToString());
                    limit = TextWidth;
                }

                line.Append(element);
                width += w;
            }

            if (line.Length > 0 || lines.Count == 0)
            {
                lines.Add(line.ToString());
            }

            return lines;
        }

        // Where the Latin word the line ends in starts, when the next character continues it; 0 to break right here.
        private static int WordStart(System.Text.StringBuilder line, string next)
        {
            if (!IsWordChar(next[0]) || !IsWordChar(line[^1]))
            {
                return 0;
            }

            var start = line.Length;
            while (start > 0 && IsWordChar(line[start - 1]))
            {
                start--;
            }

            return start > 0 && start > line.Length / 3 ? start : 0;
        }

        private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or ':';

        /// <summary>
        /// Draws a line as a text blob that carries its text and clusters: CJK fonts share one glyph between an ideograph
        /// and its Kangxi radical (网 and ⽹), and without the text Skia's PDF text layer would copy the radical.
        /// </summary>
        private void Draw(string line, float x, float baseline, SKFont font, SKPaint ink)
        {
            if (line.Length == 0)
            {
                return;
            }

            var glyphs = font.GetGlyphs(line);
            var widths = font.GetGlyphWidths(glyphs);
            var utf8 = System.Text.Encoding.UTF8.GetBytes(line);
            var clusters = new uint[glyphs.Length];
            var points = new SKPoint[glyphs.Length];
            var (offset, advance, index) = (0, 0f, 0);
            foreach (var rune in line.EnumerateRunes())
            {
                if (index >= glyphs.Length)
                {
                    break;
                }

                clusters[index] = (uint)offset;
                points[index] = new SKPoint(advance, 0);
                advance += widths[index];
                offset += rune.Utf8SequenceLength;
                index++;
            }

            using var builder = new SKTextBlobBuilder();
            var run = builder.AllocatePositionedTextRun(font, glyphs.Length, utf8.Length);
            run.SetGlyphs(glyphs);
            run.SetPositions(points);
            run.SetText(utf8);
            run.SetClusters(clusters);
            using var blob = builder.Build();
            Canvas.DrawText(blob, x, baseline, ink);
        }

        private static string Fit(string text, SKFont font, float width)
        {
            var clean = DocumentText.Clean(text, 200);
            while (clean.Length > 1 && font.MeasureText(clean) > width)
            {
                clean = clean[..^1];
            }

            return clean;
        }

        private SKCanvas Canvas => _canvas ?? throw new InvalidOperationException("No page is open.");

        private void Room(float needed)
        {
            if (_y + needed > Height - Bottom)
            {
                EndPage();
                NewPage();
            }
        }

        private void NewPage()
        {
            _canvas = pdf.BeginPage(Width, Height);
            _page++;
            _y = Top;
        }

        private void EndPage()
        {
            using var font = new SKFont(fonts.Body, 14);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            var number = $"— {_page.ToString(CultureInfo.InvariantCulture)} —";
            Draw(number, (Width - font.MeasureText(number)) / 2, Height - (Bottom / 2), font, ink);
            pdf.EndPage();
            _canvas = null;
        }
    }

    private enum Align
    {
        Left,
        Center,
        Right,
    }
}
