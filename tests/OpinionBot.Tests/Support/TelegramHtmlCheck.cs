using System.Text;

namespace OpinionBot.Tests.Support;

/// <summary>
/// Rejects parse_mode=HTML text the way Telegram does, so tests catch unescaped titles ("<" in a headline) and
/// unsupported tags such as &lt;br&gt;. Bare '&amp;' and '&gt;' are tolerated, as Telegram tolerates them.
/// </summary>
internal static class TelegramHtmlCheck
{
    private static readonly HashSet<string> SupportedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
        "blockquote", "tg-emoji",
    };

    /// <summary>Null when Telegram would accept the text, otherwise the text after "can't parse entities: ".</summary>
    public static string? Problem(string text)
    {
        var open = new Stack<string>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '<')
            {
                continue;
            }

            var offset = Encoding.UTF8.GetByteCount(text.AsSpan(0, i));
            var end = text.IndexOf('>', i + 1);
            if (end < 0)
            {
                return $"Unclosed start tag at byte offset {offset}";
            }

            var inner = text[(i + 1)..end].Trim();
            if (inner.StartsWith('/'))
            {
                var closing = inner[1..].Trim();
                if (open.Count == 0 || !string.Equals(open.Peek(), closing, StringComparison.OrdinalIgnoreCase))
                {
                    return $"Unexpected end tag at byte offset {offset}";
                }

                open.Pop();
            }
            else
            {
                var name = inner.Split([' ', '\t', '\n', '/'], 2)[0];
                if (!SupportedTags.Contains(name))
                {
                    return $"Unsupported start tag \"{name}\" at byte offset {offset}";
                }

                open.Push(name);
            }

            i = end;
        }

        return open.Count == 0 ? null : $"Can't find end tag corresponding to start tag \"{open.Peek()}\"";
    }
}
