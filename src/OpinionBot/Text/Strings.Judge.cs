namespace OpinionBot.Text;

/// <summary>Texts of judging items: search terms, rebuttals (辟谣).</summary>
public sealed partial class Strings
{
    /// <summary>On /status: a search source with no topic word to search for polls, but finds nothing.</summary>
    public string SearchSourceHasNothingToSearch(string name) => Pick(
        $"⚠️ 搜索来源“{name}”没有可搜索的词：请给专题填写 Keywords、Rule 或 SearchTerms",
        $"⚠️ Search source '{name}' has nothing to search: give a topic Keywords, a Rule or SearchTerms");

    /// <summary>"辟谣: 不属实" when an item denies a rumour.</summary>
    public string RebuttalBecause(IEnumerable<string> words) =>
        Pick($"辟谣: {string.Join(", ", words)}", $"Rebuttal: {string.Join(", ", words)}");

    /// <summary>The card's line label for a rebuttal (辟谣).</summary>
    public string RebuttalLabel => Pick("辟谣", "Rebuttal");
}
