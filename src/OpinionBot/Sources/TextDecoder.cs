using System.Text;
using System.Text.RegularExpressions;

namespace OpinionBot.Sources;

/// <summary>
/// Decodes fetched bytes: BOM, then the HTTP charset, the XML declaration or <c>&lt;meta charset&gt;</c>, then detection.
/// A declaration is only believed if the bytes agree with it, because Chinese sites often lie (gb2312 declared, UTF-8 sent).
/// </summary>
public static partial class TextDecoder
{
    /// <summary>More replacement characters than this share of the text means the bytes are not text we can read.</summary>
    private const double MaxReplacementShare = 0.005;

    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? httpCharset, DocumentKind kind)
    {
        EncodingNames.Register();
        if (bytes.IsEmpty)
        {
            return new DecodedText("", "UTF-8", httpCharset);
        }

        if (EncodingSniffer.FromBom(bytes) is { } bom)
        {
            var (encoding, length) = bom;
            return Finish(bytes[length..], encoding, EncodingNames.Display(encoding), trusted: true);
        }

        var declaredLabel = !string.IsNullOrWhiteSpace(httpCharset) ? httpCharset : FindDeclaration(bytes, kind);
        var declared = EncodingNames.Resolve(declaredLabel);
        var declaredName = declared is null ? declaredLabel?.Trim() : EncodingNames.Display(declared);
        // A UTF-16/32 label read from inside the document is a lie (we could read it as ASCII); from HTTP it may be true.
        if (declared is { CodePage: 1200 or 1201 or 12000 or 12001 } && !string.IsNullOrWhiteSpace(httpCharset) &&
            !EncodingSniffer.IsValidUtf8(bytes, out _) && EncodingSniffer.DecodesStrictly(bytes, declared))
        {
            return Finish(bytes, declared, declaredName, trusted: true);
        }

        if (EncodingSniffer.FromNullPattern(bytes) is { } wide)
        {
            return Finish(bytes, wide, declaredName, trusted: true);
        }

        if (EncodingSniffer.LooksBinary(bytes))
        {
            return new DecodedText("", "binary", declaredName, "the response is binary data, not text");
        }
        var isUtf8 = EncodingSniffer.IsValidUtf8(bytes, out var hasMultiByte);

        // Valid UTF-8 with non-ASCII bytes is practically never an accident, whatever the page says.
        if (isUtf8 && (hasMultiByte || declared is null || declared.CodePage is 1200 or 1201 or 12000 or 12001))
        {
            return Finish(bytes, Encoding.UTF8, declaredName, trusted: true);
        }

        if (declared is not null && declared.CodePage is not (65001 or 1200 or 1201 or 12000 or 12001) &&
            EncodingSniffer.DecodesStrictly(bytes, declared))
        {
            // A single-byte declaration decodes anything; only trust it when nothing better fits.
            if (!declared.IsSingleByte ||
                EncodingSniffer.DetectWithScore(bytes) is not { Score: >= 0.3 } better || better.Encoding.IsSingleByte)
            {
                return Finish(bytes, declared, declaredName, trusted: true);
            }
        }

        if (EncodingSniffer.Detect(bytes) is { } detected)
        {
            return Finish(bytes, detected, declaredName, trusted: false);
        }

        // Nothing decodes cleanly: use the declaration (or UTF-8) and let the replacement check decide.
        return Finish(bytes, declared is { CodePage: not (1200 or 1201 or 12000 or 12001) } ? declared : Encoding.UTF8,
            declaredName, trusted: false);
    }

    private static DecodedText Finish(ReadOnlySpan<byte> bytes, Encoding encoding, string? declared, bool trusted)
    {
        var text = encoding.GetString(bytes);
        var replacements = text.AsSpan().Count('\uFFFD');
        var name = EncodingNames.Display(encoding);
        if (replacements > 0 && (replacements > 3 || !trusted) &&
            replacements > Math.Max(1, text.Length * MaxReplacementShare))
        {
            return new DecodedText("", name, declared,
                $"bytes are not valid {name} ({replacements} undecodable sequences); declared: {declared ?? "none"}");
        }

        return new DecodedText(text, name, declared);
    }

    /// <summary>The charset a document names inside itself, read from its first few kilobytes as ASCII.</summary>
    internal static string? FindDeclaration(ReadOnlySpan<byte> bytes, DocumentKind kind)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        if (kind == DocumentKind.Json)
        {
            return null;
        }

        var xml = XmlDeclaration().Match(head);
        if (xml.Success)
        {
            return xml.Groups[1].Value;
        }

        if (kind == DocumentKind.Html || head.Contains("<meta", StringComparison.OrdinalIgnoreCase))
        {
            var meta = MetaCharset().Match(head);
            if (meta.Success)
            {
                return meta.Groups[1].Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*?encoding\s*=\s*[""']\s*([A-Za-z0-9._:\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<meta[^>]*?charset\s*=\s*[""']?\s*([A-Za-z0-9._:\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
