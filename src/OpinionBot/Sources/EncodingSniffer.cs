using System.Text;

namespace OpinionBot.Sources;

/// <summary>
/// Guesses an encoding from bytes alone: byte-order marks, the zero-byte pattern of UTF-16/32, strict UTF-8, and
/// for legacy code pages the share of decoded characters that are common in the language the code page is for.
/// </summary>
public static class EncodingSniffer
{
    // Candidates in order of preference on a tie: this product reads Chinese sites first.
    private static readonly int[] LegacyCodePages = [54936, 950, 932, 51932, 949, 20866, 1251, 1252];

    public static (Encoding Encoding, int Length)? FromBom(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8, 3);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            return (Encoding.UTF32, 4);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, 2);
        }

        return b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? (Encoding.BigEndianUnicode, 2) : null;
    }

    /// <summary>UTF-16/32 without a BOM: ASCII markup leaves zero bytes at fixed positions.</summary>
    public static Encoding? FromNullPattern(ReadOnlySpan<byte> b)
    {
        var n = Math.Min(b.Length, 512) & ~3;
        if (n < 8)
        {
            return null;
        }

        var zeros = new int[4];
        for (var i = 0; i < n; i++)
        {
            if (b[i] == 0)
            {
                zeros[i % 4]++;
            }
        }

        var quarter = n / 4;
        bool Mostly(int count) => count > quarter * 0.7;
        bool Rarely(int count) => count < quarter * 0.1;
        return (Mostly(zeros[1]), Mostly(zeros[2]), Mostly(zeros[3]), Mostly(zeros[0])) switch
        {
            (true, true, true, false) when Rarely(zeros[0]) => Encoding.UTF32,
            (false, true, true, true) when Rarely(zeros[3]) => new UTF32Encoding(bigEndian: true, byteOrderMark: false),
            (true, false, true, false) when Rarely(zeros[0]) && Rarely(zeros[2]) => Encoding.Unicode,
            (false, true, false, true) when Rarely(zeros[1]) && Rarely(zeros[3]) => Encoding.BigEndianUnicode,
            _ => null,
        };
    }

    public static bool IsValidUtf8(ReadOnlySpan<byte> bytes, out bool hasMultiByte)
    {
        hasMultiByte = bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF);
        return !hasMultiByte || System.Text.Unicode.Utf8.IsValid(bytes);
    }

    public static bool DecodesStrictly(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        try
        {
            _ = EncodingNames.Strict(encoding).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The legacy encoding the bytes most plausibly are, or null when none decodes them as real text.</summary>
    public static Encoding? Detect(ReadOnlySpan<byte> bytes) => DetectWithScore(bytes)?.Encoding;

    /// <summary>
    /// A multi-byte (CJK) candidate wins when a quarter of its characters are common ones; single-byte code pages decode
    /// almost anything, so they need half. Returns null when nothing reaches that bar.
    /// </summary>
    public static (Encoding Encoding, double Score)? DetectWithScore(ReadOnlySpan<byte> bytes)
    {
        EncodingNames.Register();
        if (IsValidUtf8(bytes, out _))
        {
            return (Encoding.UTF8, 1);
        }

        (Encoding Encoding, double Score)? wide = null;
        (Encoding Encoding, double Score)? narrow = null;
        foreach (var codePage in LegacyCodePages)
        {
            var encoding = Encoding.GetEncoding(codePage);
            if (!DecodesStrictly(bytes, encoding))
            {
                continue;
            }

            var score = LanguageScore.For(codePage, encoding.GetString(bytes));
            ref var best = ref encoding.IsSingleByte ? ref narrow : ref wide;
            if (best is null || score > best.Value.Score + 0.02)
            {
                best = (encoding, score);
            }
        }

        return wide is { Score: >= 0.25 } ? wide : narrow is { Score: >= 0.5 } ? narrow : null;
    }

    /// <summary>Control bytes other than tab and line breaks do not occur in text; many of them mean binary data.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b is < 0x09 or (> 0x0D and < 0x20))
            {
                control++;
            }
        }

        return control > Math.Max(2, sample.Length / 100);
    }
}
