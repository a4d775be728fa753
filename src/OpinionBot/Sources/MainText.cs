using AngleSharp.Dom;

namespace OpinionBot.Sources;

/// <summary>
/// Finds an article's main text without a selector: known containers first (article, Discuz!'s <c>td.t_f</c>,
/// 贴吧's <c>d_post_content</c> …), else the block with the most text that is not links.
/// </summary>
public static class MainText
{
    private const string KnownContainers =
        "[itemprop=articleBody], article, td.t_f, .d_post_content, #content, .article-content, .article, .content, #article, main";

    private static readonly HashSet<string> Boilerplate = new(StringComparer.OrdinalIgnoreCase)
    {
        "nav", "header", "footer", "aside", "form", "script", "style", "noscript", "select",
    };

    public static string Find(IDocument document)
    {
        var body = document.Body;
        if (body is null)
        {
            return "";
        }

        foreach (var known in document.QuerySelectorAll(KnownContainers))
        {
            var text = HtmlText.Of(known);
            if (text.Length >= 40)
            {
                return text;
            }
        }

        IElement? best = null;
        var bestScore = 0.0;
        foreach (var element in body.QuerySelectorAll("div, td, section, main"))
        {
            if (IsBoilerplate(element))
            {
                continue;
            }

            var score = Score(element);
            if (score > bestScore)
            {
                best = element;
                bestScore = score;
            }
        }

        return HtmlText.Of(best ?? body);
    }

    private static bool IsBoilerplate(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (Boilerplate.Contains(e.LocalName))
            {
                return true;
            }
        }

        return false;
    }

    // Text held directly in paragraphs and text nodes of this block, less what sits inside links.
    private static double Score(IElement element)
    {
        var own = 0;
        foreach (var child in element.ChildNodes)
        {
            own += child switch
            {
                IText text => text.Data.Trim().Length,
                IElement { LocalName: "p" or "br" or "span" or "font" or "strong" or "b" } e => e.TextContent.Trim().Length,
                _ => 0,
            };
        }

        var links = element.QuerySelectorAll("a").Sum(a => a.TextContent.Length);
        var all = Math.Max(1, element.TextContent.Length);
        return own * (1 - (double)links / all);
    }
}
