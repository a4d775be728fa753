using System.Buffers;
using OpinionBot.Sources;
using OpinionBot.Text;

namespace OpinionBot.Matching;

/// <summary>Whether an item is negative (负面), how strongly, and the words that made it so (strongest first).</summary>
public sealed record SentimentResult(bool Negative, double Score, IReadOnlyList<string> Words)
{
    public static readonly SentimentResult Neutral = new(false, 0, []);

    /// <summary>An incident's sentiment over its appearances: negative if any is, the highest score, all words.</summary>
    public static SentimentResult Combine(SentimentResult a, SentimentResult b) =>
        new(a.Negative || b.Negative, Math.Max(a.Score, b.Score), [.. a.Words.Concat(b.Words).Distinct()]);

    /// <summary>"负面: 投诉, 拖欠工资", or empty when not negative.</summary>
    public string Describe(Strings strings) => Negative ? strings.NegativeBecause(Words) : "";
}

/// <summary>
/// Scores negativity with <see cref="NegativeLexicon"/>: each distinct negative word counts once at its strongest,
/// multiplied by a degree word just before it (严重, 非常), cancelled by an odd number of negations just before it in
/// the same clause (没有, 并非), and weighted up in the title.
/// </summary>
public sealed class SentimentAnalyzer
{
    /// <summary>How far back (Chinese characters or Latin words) a negation or degree word reaches.</summary>
    public const int Reach = 4;

    private const double TitleFactor = 1.5;
    private static readonly SearchValues<char> ClauseEnds = SearchValues.Create("，。！？；：,.!?;:\n\r");

    private readonly KeywordAutomaton _automaton;
    private readonly LexiconEntry[] _entries;
    private readonly double _threshold;

    /// <param name="threshold">Score from which an item counts as negative; 2 is one clear word such as 投诉.</param>
    public SentimentAnalyzer(NegativeLexicon lexicon, double threshold = 2.0)
    {
        _entries = [.. lexicon.Entries];
        _automaton = new KeywordAutomaton([.. _entries.Select(e => e.Key)]);
        _threshold = threshold;
    }

    public SentimentResult Analyze(SourceItem item) => Analyze(item.Title, item.Text);

    public SentimentResult Analyze(string? title, string? text)
    {
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        Score(title ?? "", TitleFactor, best);
        Score(text ?? "", 1.0, best);
        var score = Math.Round(best.Values.Sum(), 2);
        var words = best.OrderByDescending(x => x.Value).Select(x => x.Key).ToList();
        return words.Count == 0 ? SentimentResult.Neutral : new SentimentResult(score >= _threshold, score, words);
    }

    private void Score(string original, double factor, Dictionary<string, double> best)
    {
        var normal = TextNormalizer.Normalize(original);
        var hits = _automaton.FindAll(normal.Text)
            .Where(h => _entries[h.Pattern].Prefix || h.WholeWord)
            .ToList();

        // A word inside a longer one is not counted on its own: 中毒 in 食物中毒, 不 in 不满 or 不仅.
        hits = [.. hits.Where(h => !hits.Any(o => o != h && o.Start <= h.Start && o.End >= h.End && o.End - o.Start > h.End - h.Start))];
        foreach (var hit in hits.Where(h => _entries[h.Pattern].Role == LexiconRole.Negative))
        {
            var before = hits.Where(h => h.End <= hit.Start && Close(normal, original, h.End, hit.Start)).ToList();
            var negations = before.Count(h => _entries[h.Pattern].Role == LexiconRole.Negation);
            if (negations % 2 == 1)
            {
                continue;
            }

            var degree = before.Where(h => _entries[h.Pattern].Role == LexiconRole.Degree).Select(h => _entries[h.Pattern].Weight).DefaultIfEmpty(1).Max();
            var word = MatchedWord(normal.Text, hit, _entries[hit.Pattern].Prefix);
            var value = _entries[hit.Pattern].Weight * degree * factor;
            best[word] = Math.Max(best.GetValueOrDefault(word), value);
        }
    }

    /// <summary>Within reach and with no clause punctuation between, judged on the original text (normalising removed it).</summary>
    private static bool Close(NormalizedText normal, string original, int from, int to)
    {
        var units = 0;
        for (var i = from; i < to; i++)
        {
            var c = normal.Text[i];
            if (TextNormalizer.IsCjk(c) || (TextNormalizer.IsWordChar(c) && (i == 0 || !TextNormalizer.IsWordChar(normal.Text[i - 1]))))
            {
                units++;
            }
        }

        if (units > Reach)
        {
            return false;
        }

        var start = normal.Map[from - 1] + 1;
        var end = normal.OriginalIndex(to, original.Length);
        return original.AsSpan(start, end - start).IndexOfAny(ClauseEnds) < 0;
    }

    /// <summary>The word as it appears, so a prefix entry (complain*) shows as "complaints".</summary>
    private static string MatchedWord(string text, KeywordHit hit, bool prefix)
    {
        var end = hit.End;
        while (prefix && end < text.Length && TextNormalizer.IsWordChar(text[end]))
        {
            end++;
        }

        return text[hit.Start..end];
    }
}
