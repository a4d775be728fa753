namespace OpinionBot.Matching;

/// <summary>
/// Text in the form matching works on: lower case, half width, Traditional characters folded to Simplified, separators
/// collapsed to one space, and separators between two Chinese characters removed, so <c>投 诉</c>, <c>投-诉</c>,
/// <c>投訴</c> and <c>投诉</c> are the same text. Every character folds to one character, so positions map back to
/// the original, which is what cards show.
/// </summary>
/// <param name="Text">The normalised text.</param>
/// <param name="Map">For each character of <paramref name="Text"/>, its index in the original string.</param>
public sealed record NormalizedText(string Text, int[] Map)
{
    public static readonly NormalizedText Empty = new("", []);

    /// <summary>The original index of a normalised position; the end of the text maps to the original length.</summary>
    public int OriginalIndex(int normalizedIndex, int originalLength) =>
        normalizedIndex < Map.Length ? Map[normalizedIndex] : originalLength;
}

public static class TextNormalizer
{
    // Fold and classify through tables built once (BuildFolds, IsCjk, IsContent): one array read per character instead
    // of the comparisons, char.ToLowerInvariant and the Traditional lookup. Declared first: static fields start in order.
    private static readonly char[] FoldTable = BuildFolds();
    private static readonly bool[] ContentTable = BuildContentTable();
    private static readonly bool[] CjkTable = BuildCjkTable();

    public static NormalizedText Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return NormalizedText.Empty;
        }

        var chars = new char[text.Length];
        var map = new int[text.Length];
        var length = 0;
        var pendingSeparator = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = FoldTable[text[i]];
            if (!ContentTable[c])
            {
                if (pendingSeparator < 0)
                {
                    pendingSeparator = i;
                }

                continue;
            }

            // A run of separators becomes one space, unless it sits between two Chinese characters (an evasion such as 投 诉).
            if (pendingSeparator >= 0 && length > 0 && !(CjkTable[chars[length - 1]] && CjkTable[c]))
            {
                chars[length] = ' ';
                map[length++] = pendingSeparator;
            }

            pendingSeparator = -1;
            chars[length] = c;
            map[length++] = i;
        }

        return new NormalizedText(new string(chars, 0, length), map[..length]);
    }

    /// <summary>
    /// The normalised text alone (what <see cref="Normalize"/> gives as <see cref="NormalizedText.Text"/>), in one pass
    /// without the position map: topic matching needs no positions in the original.
    /// </summary>
    public static string NormalizeText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var buffer = text.Length <= 4096 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        var pendingSeparator = false;
        foreach (var original in text)
        {
            var c = FoldTable[original];
            if (!ContentTable[c])
            {
                pendingSeparator = true;
                continue;
            }

            if (pendingSeparator && length > 0 && !(CjkTable[buffer[length - 1]] && CjkTable[c]))
            {
                buffer[length++] = ' ';
            }

            pendingSeparator = false;
            buffer[length++] = c;
        }

        return new string(buffer[..length]);
    }

    /// <summary>A keyword in matching form; an empty result means the keyword has no content.</summary>
    public static string NormalizeKeyword(string keyword) => Normalize(keyword).Text;

    /// <summary>Full width to half width, ideographic space to space, lower case, Traditional to Simplified.</summary>
    public static char Fold(char c) => FoldTable[c];

    private static char[] BuildFolds()
    {
        var folds = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            folds[i] = c is >= '\uFF01' and <= '\uFF5E' ? char.ToLowerInvariant((char)(c - 0xFEE0))
                : c == '\u3000' ? ' '
                : char.ToLowerInvariant(c);
        }

        foreach (var (traditional, simplified) in TraditionalToSimplified.Pairs())
        {
            folds[traditional] = simplified;
        }

        return folds;
    }

    /// <summary>Chinese (Han) characters: each one is a unit for NEAR and a token for fingerprints.</summary>
    public static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF') or '\u3007';

    /// <summary>Letters and digits of alphabetic scripts, which form words separated by spaces.</summary>
    public static bool IsWordChar(char c) => !IsCjk(c) && char.IsLetterOrDigit(c);

    private static bool IsContent(char c) => IsCjk(c) || char.IsLetterOrDigit(c);

    private static bool[] BuildContentTable()
    {
        var table = new bool[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            table[c] = IsContent((char)c);
        }

        return table;
    }

    private static bool[] BuildCjkTable()
    {
        var table = new bool[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            table[c] = IsCjk((char)c);
        }

        return table;
    }
}
