using System.Text;

namespace OpinionBot.Sources;

/// <summary>Maps the charset labels pages use to .NET encodings, the way browsers read them.</summary>
public static class EncodingNames
{
    static EncodingNames() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Makes the legacy code pages (GBK, Big5, Shift_JIS …) available; safe to call many times.</summary>
    public static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The encoding for a charset label, or null when unknown. GB2312 and GBK are read as GB18030 (their superset,
    /// since sites labelled gb2312 routinely use GBK-only characters); Latin-1 and ASCII as windows-1252.
    /// </summary>
    public static Encoding? Resolve(string? label)
    {
        var name = (label ?? "").Trim().Trim('"', '\'').ToLowerInvariant();
        if (name.Length == 0)
        {
            return null;
        }

        var strict = name switch
        {
            "gb2312" or "gbk" or "x-gbk" or "gb_2312-80" or "csgb2312" or "chinese" or "iso-ir-58" or "cp936"
                or "windows-936" or "gb18030" or "euc-cn" => Encoding.GetEncoding(54936),
            "big5" or "big5-hkscs" or "x-x-big5" or "cn-big5" or "csbig5" or "cp950" => Encoding.GetEncoding(950),
            "shift_jis" or "shift-jis" or "sjis" or "ms_kanji" or "x-sjis" or "windows-31j" or "csshiftjis" or "cp932"
                => Encoding.GetEncoding(932),
            "euc-jp" or "x-euc-jp" or "cseucpkdfmtjapanese" => Encoding.GetEncoding(51932),
            "euc-kr" or "ks_c_5601-1987" or "ks_c_5601" or "cseuckr" or "windows-949" or "cp949" or "korean"
                => Encoding.GetEncoding(949),
            "iso-8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "iso8859-1" or "cp1252" or "windows-1252"
                => Encoding.GetEncoding(1252),
            "utf8" or "utf-8" or "unicode-1-1-utf-8" => Encoding.UTF8,
            "utf-16" or "utf-16le" or "unicode" or "ucs-2" => Encoding.Unicode,
            "utf-16be" => Encoding.BigEndianUnicode,
            "utf-32" or "utf-32le" => Encoding.UTF32,
            "utf-32be" => new UTF32Encoding(bigEndian: true, byteOrderMark: false),
            _ => null,
        };
        if (strict is not null)
        {
            return strict;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A copy of <paramref name="encoding"/> that throws on bytes it cannot decode.</summary>
    public static Encoding Strict(Encoding encoding) =>
        Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>A short, stable name for reports (<c>GB18030</c>, <c>UTF-8</c>, <c>Big5</c> …).</summary>
    public static string Display(Encoding encoding) => encoding.CodePage switch
    {
        54936 => "GB18030",
        950 => "Big5",
        932 => "Shift_JIS",
        51932 => "EUC-JP",
        949 => "EUC-KR",
        1252 => "windows-1252",
        65001 => "UTF-8",
        1200 => "UTF-16LE",
        1201 => "UTF-16BE",
        12000 => "UTF-32LE",
        12001 => "UTF-32BE",
        20866 => "KOI8-R",
        1251 => "windows-1251",
        _ => encoding.WebName,
    };
}
