using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace OpinionBot.Sources;

/// <summary>Plain text from HTML: blocks become lines, scripts and styles vanish, whitespace is tidied.</summary>
public static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "head",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article",
        "table", "ul", "ol", "dd", "dt", "hr", "header", "footer",
    };

    /// <summary>Text of an HTML fragment, e.g. a feed's description or <c>content:encoded</c>.</summary>
    public static string FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        if (html.IndexOfAny(['<', '&']) < 0)
        {
            return Tidy(html);
        }

        var document = HtmlExtractor.Parser.ParseDocument("<body>" + html);
        return document.Body is null ? Tidy(html) : Of(document.Body);
    }

    /// <summary>Text of an element: block boundaries become line breaks.</summary>
    public static string Of(INode node)
    {
        var builder = new StringBuilder();
        Append(node, builder);
        return Tidy(builder.ToString());
    }

    /// <summary>Collapses runs of spaces, keeps single line breaks, trims.</summary>
    public static string Tidy(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        var newline = false;
        foreach (var c in text)
        {
            if (c is '\n' or '\r')
            {
                newline = builder.Length > 0;
                space = false;
            }
            else if (char.IsWhiteSpace(c) || c == '\u200B')
            {
                space = builder.Length > 0;
            }
            else
            {
                if (newline)
                {
                    builder.Append('\n');
                }
                else if (space)
                {
                    builder.Append(' ');
                }

                newline = space = false;
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>One line: for titles and names.</summary>
    public static string Line(string? text) => Tidy(text ?? "").Replace('\n', ' ');

    private static void Append(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    builder.Append(text.Data);
                    break;
                case IElement element when !Skipped.Contains(element.LocalName):
                    var block = Blocks.Contains(element.LocalName);
                    if (block)
                    {
                        builder.Append('\n');
                    }

                    Append(element, builder);
                    if (block)
                    {
                        builder.Append('\n');
                    }

                    break;
            }
        }
    }
}
