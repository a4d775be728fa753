using SkiaSharp;

namespace OpinionBot.Reports.Documents;

/// <summary>
/// The CJK typefaces PDFs are set in, read from the system's font files: Noto Serif/Sans CJK (Debian's
/// <c>fonts-noto-cjk</c>, .ttc collections: the Simplified Chinese face is picked from the collection), else
/// WenQuanYi or AR PL. Skia embeds only the glyphs used (a subset), so a PDF stays small. Null when none is installed.
/// </summary>
public sealed class DocumentFonts
{
    private static readonly string[] Folders = ["/usr/share/fonts", "/usr/local/share/fonts"];

    private DocumentFonts(SKTypeface body, SKTypeface heading, SKTypeface header, string source) =>
        (Body, Heading, Header, Source) = (body, heading, header, source);

    /// <summary>Body text (宋/仿宋 style: serif when available).</summary>
    public SKTypeface Body { get; }

    /// <summary>Section headings (黑体 style: sans when available).</summary>
    public SKTypeface Heading { get; }

    /// <summary>The red header and the title (bold serif when available).</summary>
    public SKTypeface Header { get; }

    /// <summary>The file the body face came from, for the log.</summary>
    public string Source { get; }

    /// <summary>Finds the fonts; <paramref name="configuredFile"/> (Reports:FontFile) wins when it holds a CJK face.</summary>
    public static DocumentFonts? Find(string? configuredFile = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredFile) && Face(configuredFile) is { } configured)
        {
            return new DocumentFonts(configured, configured, configured, configuredFile);
        }

        var files = Folders.Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".ttc", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".otf", StringComparison.OrdinalIgnoreCase) ||
                f.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase))
            .ToList();
        string? Named(params string[] names) => names
            .Select(n => files.FirstOrDefault(f => Path.GetFileName(f).Equals(n, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(f => f is not null);

        var body = Named("NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc", "wqy-microhei.ttc", "wqy-zenhei.ttc", "uming.ttc", "ukai.ttc")
            ?? files.FirstOrDefault(f => Path.GetFileName(f).Contains("CJK", StringComparison.OrdinalIgnoreCase));
        if (body is null || Face(body) is not { } bodyFace)
        {
            return null;
        }

        var heading = Named("NotoSansCJK-Bold.ttc", "NotoSansCJK-Regular.ttc") is { } h ? Face(h) : null;
        var header = Named("NotoSerifCJK-Bold.ttc", "NotoSansCJK-Bold.ttc") is { } b ? Face(b) : null;
        return new DocumentFonts(bodyFace, heading ?? bodyFace, header ?? heading ?? bodyFace, body);
    }

    /// <summary>The Simplified Chinese face of a font file or collection, or any face that draws 中文; null if none does.</summary>
    private static SKTypeface? Face(string file)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        SKTypeface? fallback = null;
        for (var index = 0; index < 32; index++)
        {
            var face = SKTypeface.FromFile(file, index);
            if (face is null)
            {
                break;
            }

            if (!face.ContainsGlyphs("中文舆情"))
            {
                face.Dispose();
                continue;
            }

            if (face.FamilyName.Contains(" SC", StringComparison.Ordinal) && !face.FamilyName.Contains("Mono", StringComparison.Ordinal))
            {
                fallback?.Dispose();
                return face;
            }

            if (fallback is null)
            {
                fallback = face;
            }
            else
            {
                face.Dispose();
            }
        }

        return fallback;
    }
}
