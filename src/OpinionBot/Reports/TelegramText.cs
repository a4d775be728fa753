using System.Net;

namespace OpinionBot.Reports;

/// <summary>Telegram HTML text: escaping, links, and splitting under the 4,096-character message limit.</summary>
public static class TelegramText
{
    public const int MessageLimit = 4096;

    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>An <c>&lt;a&gt;</c> for http(s) links only; anything else (javascript:, data:) is shown as plain text.</summary>
    public static string Link(string url, string label) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"<a href=\"{Escape(uri.AbsoluteUri)}\">{Escape(label)}</a>"
            : Escape(label);

    /// <summary>
    /// Splits <paramref name="text"/> into messages of at most <paramref name="limit"/> characters, preferring
    /// paragraph breaks, then line breaks, then spaces; never inside an HTML tag, an entity or a surrogate pair.
    /// A tag left open at a cut is closed at the end of that message and opened again at the start of the next.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int limit = MessageLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 200);
        // Room for the closing tags a cut may need.
        var room = limit - 64;
        var parts = new List<string>();
        var rest = (text ?? "").Trim('\n');
        while (rest.Length > limit)
        {
            var cut = CutAt(rest, room);
            var part = rest[..cut].TrimEnd();
            var open = OpenTags(part);
            if (part.Length > 0)
            {
                parts.Add(part + string.Concat(open.Select(t => $"</{t.Name}>").Reverse()));
            }

            rest = string.Concat(open.Select(t => t.Tag)) + rest[cut..].TrimStart('\n').TrimStart(' ');
        }

        if (rest.Trim().Length > 0)
        {
            parts.Add(rest);
        }

        return parts;
    }

    /// <summary>Tags opened and not closed in <paramref name="html"/>, outermost first.</summary>
    private static List<(string Name, string Tag)> OpenTags(string html)
    {
        var open = new List<(string Name, string Tag)>();
        for (var i = html.IndexOf('<', StringComparison.Ordinal); i >= 0; i = html.IndexOf('<', i + 1))
        {
            var end = html.IndexOf('>', i);
            if (end < 0)
            {
                break;
            }

            var tag = html[i..(end + 1)];
            var closing = tag.StartsWith("</", StringComparison.Ordinal);
            var name = tag.Trim('<', '/', '>').Split(' ', 2)[0].ToLowerInvariant();
            if (closing)
            {
                var at = open.FindLastIndex(t => t.Name == name);
                if (at >= 0)
                {
                    open.RemoveAt(at);
                }
            }
            else if (!tag.EndsWith("/>", StringComparison.Ordinal))
            {
                open.Add((name, tag));
            }
        }

        return open;
    }

    private static int CutAt(string text, int limit)
    {
        var window = text.AsSpan(0, limit + 1);
        foreach (var separator in (ReadOnlySpan<string>)["\n\n", "\n", " "])
        {
            var at = window.LastIndexOf(separator);
            // A break in the first quarter would leave a tiny message; a harder break further on is better.
            if (at > limit / 4 && IsSafe(text, at))
            {
                return at;
            }
        }

        var cut = limit;
        while (cut > 1 && !IsSafe(text, cut))
        {
            cut--;
        }

        return cut;
    }

    // Safe to cut before index i: not between surrogates, not inside <...> or &...;.
    private static bool IsSafe(ReadOnlySpan<char> text, int i)
    {
        if (i <= 0 || i > text.Length || (i < text.Length && char.IsLowSurrogate(text[i])))
        {
            return false;
        }

        var before = text[..i];
        var tagOpen = before.LastIndexOf('<');
        if (tagOpen >= 0 && before.LastIndexOf('>') < tagOpen)
        {
            return false;
        }

        var amp = before.LastIndexOf('&');
        return amp < 0 || before[amp..].IndexOfAny(';', ' ', '\n') >= 0;
    }
}
