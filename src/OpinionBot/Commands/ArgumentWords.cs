using System.Text;
using OpinionBot.Chat;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary>
/// Splits command arguments into words, where quotes ("…", “…”) keep spaces inside one word, so selectors and rules
/// can be typed as <c>item=".thread li" title="a.t"</c>. A word <c>key=value</c> is a field.
/// </summary>
public static class ArgumentWords
{
    public static List<string> Split(string arguments)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? closing = null;
        foreach (var c in arguments)
        {
            if (closing is { } close)
            {
                if (c == close)
                {
                    closing = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '“')
            {
                closing = c == '"' ? '"' : '”';
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>A <c>key=value</c> word (the key lower-cased), or false for a plain word.</summary>
    public static bool TryField(string word, out string key, out string value)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        key = equals > 0 ? word[..equals].Trim().ToLowerInvariant() : "";
        value = equals > 0 ? word[(equals + 1)..].Trim() : "";
        return equals > 0 && key.All(ch => char.IsAsciiLetter(ch) || ch == '_');
    }

    /// <summary><c>a,b，c、d</c> as a list.</summary>
    public static List<string> List(string value) =>
        [.. value.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
