namespace OpinionBot.Matching;

/// <summary>
/// Text in the form matching works on: lower case, half width, separators collapsed to one space, and separators between
/// two Chinese characters removed, so <c>投 诉</c>, <c>投-诉</c> and <c>投诉</c> are the same text.
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
            var c = Fold(text[i]);
            if (!IsContent(c))
            {
                if (pendingSeparator < 0)
                {
                    pendingSeparator = i;
                }

                continue;
            }

            // A run of separators becomes one space, unless it sits between two Chinese characters (an evasion such as 投 诉).
            if (pendingSeparator >= 0 && length > 0 && !(IsCjk(chars[length - 1]) && IsCjk(c)))
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

    /// <summary>A keyword in matching form; an empty result means the keyword has no content.</summary>
    public static string NormalizeKeyword(string keyword) => Normalize(keyword).Text;

    /// <summary>Full width to half width, ideographic space to space, then lower case.</summary>
    public static char Fold(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
        }
        else if (c == '\u3000')
        {
            return ' ';
        }

        return char.ToLowerInvariant(c);
    }

    /// <summary>Chinese (Han) characters: each one is a unit for NEAR and a token for fingerprints.</summary>
    public static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF') or '\u3007';

    /// <summary>Letters and digits of alphabetic scripts, which form words separated by spaces.</summary>
    public static bool IsWordChar(char c) => !IsCjk(c) && char.IsLetterOrDigit(c);

    private static bool IsContent(char c) => IsCjk(c) || char.IsLetterOrDigit(c);
}
