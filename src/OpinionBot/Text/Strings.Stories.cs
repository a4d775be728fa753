namespace OpinionBot.Text;

/// <summary>Texts about how a story spread: the card's source line and merges.</summary>
public sealed partial class Strings
{
    /// <summary>
    /// The card's source line once a story has more than one appearance: the first publisher (首发), how many other
    /// sources carried it and how many appearances there are, e.g. <c>本地论坛（首发）+2 · 共 5 篇</c>.
    /// </summary>
    public string StorySpreadLine(string firstSource, int sources, int appearances) =>
        Pick($"{firstSource}（首发）{(sources > 1 ? $"+{sources - 1} " : "")}· 共 {appearances} 篇",
            $"{firstSource} (first){(sources > 1 ? $" +{sources - 1}" : "")} · {appearances} items");

    /// <summary>The audit comment of an item merged into an incident: where, what and its link.</summary>
    public static string MergedItem(string source, string title, string url) =>
        $"{source}: {(title.Length <= 120 ? title : title[..119] + "…")} {url}";
}
