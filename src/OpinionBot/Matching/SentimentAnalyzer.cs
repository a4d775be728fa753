using System.Buffers;
using OpinionBot.Sources;
using OpinionBot.Text;

namespace OpinionBot.Matching;

/// <summary>
/// Whether an item is negative (负面), how strongly, and the words that made it so (strongest first). A rebuttal (辟谣)
/// is not negative: <see cref="Rebuttals"/> names the words that made it one, for the card.
/// </summary>
public sealed record SentimentResult(bool Negative, double Score, IReadOnlyList<string> Words)
{
    public static readonly SentimentResult Neutral = new(false, 0, []);

    /// <summary>Rebuttal words found (辟谣, 不属实): the item denies a rumour, so the rumour's words did not count.</summary>
    public IReadOnlyList<string> Rebuttals { get; init; } = [];

    /// <summary>Praise words that counted against the negative ones (满意, 点赞).</summary>
    public IReadOnlyList<string> Praise { get; init; } = [];

    /// <summary>An incident's sentiment over its appearances: negative if any is, the highest score, all words.</summary>
    public static SentimentResult Combine(SentimentResult a, SentimentResult b) =>
        new(a.Negative || b.Negative, Math.Max(a.Score, b.Score), [.. a.Words.Concat(b.Words).Distinct()])
        {
            Rebuttals = [.. a.Rebuttals.Concat(b.Rebuttals).Distinct()],
            Praise = [.. a.Praise.Concat(b.Praise).Distinct()],
        };

    /// <summary>"负面: 投诉, 拖欠工资", "辟谣: 不属实", or empty when neither.</summary>
    public string Describe(Strings strings) =>
        Negative ? strings.NegativeBecause(Words) : Rebuttals.Count > 0 ? strings.RebuttalBecause(Rebuttals) : "";
}

/// <summary>
/// Scores negativity with <see cref="NegativeLexicon"/>: each distinct negative word counts once at its strongest,
/// multiplied by a degree word just before it (严重, 非常), cancelled by an odd number of negations just before it in
/// the same clause (没有, 并非), weighted up in the title. Beyond single words it reads:
/// <list type="bullet">
/// <item>rebuttals (辟谣, 不属实, 谣言已澄清): the rumour's words — everything read before the rebuttal and its own
/// sentence — do not count, and the result names the rebuttal;</item>
/// <item>praise (满意, 点赞, 畅通) subtracts from the score; negated praise (不畅通) counts as negative;</item>
/// <item>prevention and publicity (防范, 演练, 宣传) in the same clause: the negative word describes no event;</item>
/// <item>asking how (如何, 请问) in the same clause weakens the negative words.</item>
/// </list>
/// </summary>
public sealed class SentimentAnalyzer
{
    /// <summary>How far back (Chinese characters or Latin words) a negation or degree word reaches.</summary>
    public const int Reach = 4;

    private const double TitleFactor = 1.5;
    private static readonly SearchValues<char> ClauseEnds = SearchValues.Create("，。！？；：,.!?;:\n\r");
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？!?\n\r");

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
        Field[] fields = [Read(title ?? "", TitleFactor), Read(text ?? "", 1.0)];

        // The last rebuttal in reading order (title, then text): what was read before it is the rumour it denies.
        var rebuttals = new List<string>();
        (int Field, int Start)? lastRebuttal = null;
        for (var f = 0; f < fields.Length; f++)
        {
            foreach (var hit in fields[f].Hits.Where(h => Role(h) == LexiconRole.Rebuttal))
            {
                rebuttals.Add(Word(fields[f], hit));
                lastRebuttal = (f, hit.Start);
            }
        }

        var best = new Dictionary<string, (double Value, (int, int) Clause)>(StringComparer.Ordinal);
        var praise = new Dictionary<string, (double Value, (int, int) Clause)>(StringComparer.Ordinal);
        for (var f = 0; f < fields.Length; f++)
        {
            Score(fields, f, lastRebuttal, best, praise);
        }

        // Praise offsets the negative words of its own clause only: "投诉渠道畅通 群众满意" is praise, while in
        // "点赞背后：环卫工被拖欠工资" the praise is another clause's.
        var score = Math.Round(best.Values.GroupBy(b => b.Clause).Sum(clause =>
            Math.Max(0, clause.Sum(b => b.Value) - praise.Values.Where(p => p.Clause == clause.Key).Sum(p => p.Value))), 2);
        var words = best.OrderByDescending(x => x.Value.Value).Select(x => x.Key).ToList();
        if (words.Count == 0 && rebuttals.Count == 0)
        {
            return SentimentResult.Neutral;
        }

        return new SentimentResult(score >= _threshold && words.Count > 0, score, words)
        {
            Rebuttals = [.. rebuttals.Distinct()],
            Praise = [.. praise.OrderByDescending(x => x.Value.Value).Select(x => x.Key)],
        };
    }

    private Field Read(string original, double factor)
    {
        var normal = TextNormalizer.Normalize(original);
        var hits = _automaton.FindAll(normal.Text)
            .Where(h => _entries[h.Pattern].Prefix || h.WholeWord)
            .ToList();

        // A word inside a longer one is not counted on its own: 中毒 in 食物中毒, 不 in 不满 or 不仅, 投诉 in 投诉热线.
        hits = [.. hits.Where(h => !hits.Any(o => o != h && o.Start <= h.Start && o.End >= h.End && o.End - o.Start > h.End - h.Start))];
        return new Field(original, normal, factor, hits);
    }

    private void Score(
        Field[] fields, int f, (int Field, int Start)? lastRebuttal,
        Dictionary<string, (double Value, (int, int) Clause)> best, Dictionary<string, (double Value, (int, int) Clause)> praise)
    {
        var field = fields[f];
        foreach (var hit in field.Hits.Where(h => Role(h) is LexiconRole.Negative or LexiconRole.Praise))
        {
            var before = field.Hits.Where(h => h.End <= hit.Start && Close(field.Normal, field.Original, h.End, hit.Start)).ToList();
            var negated = before.Count(h => Role(h) == LexiconRole.Negation) % 2 == 1;
            var entry = _entries[hit.Pattern];
            var clause = (f, Span(field, hit, ClauseEnds));
            if (Role(hit) == LexiconRole.Praise)
            {
                if (!negated)
                {
                    Keep(praise, Word(field, hit), entry.Weight * field.Factor, clause);
                    continue;
                }

                // 不满意, 不畅通: a praise word denied is a complaint, shown with its negation.
                var negation = before.Last(h => Role(h) == LexiconRole.Negation);
                Keep(best, field.Normal.Text[negation.Start..hit.End], entry.Weight * field.Factor, clause);
                continue;
            }

            if (negated || SameClause(field, hit, LexiconRole.Context).Any() || Rebutted(fields, f, hit, lastRebuttal))
            {
                continue;
            }

            var question = SameClause(field, hit, LexiconRole.Question).Select(h => _entries[h.Pattern].Weight).DefaultIfEmpty(1).Min();
            var degree = before.Where(h => Role(h) == LexiconRole.Degree).Select(h => _entries[h.Pattern].Weight).DefaultIfEmpty(1).Max();
            Keep(best, Word(field, hit), entry.Weight * degree * question * field.Factor, clause);
        }
    }

    /// <summary>Each word counts once, at its strongest occurrence.</summary>
    private static void Keep(Dictionary<string, (double Value, (int, int) Clause)> words, string word, double value, (int, int) clause)
    {
        if (!words.TryGetValue(word, out var known) || value > known.Value)
        {
            words[word] = (value, clause);
        }
    }

    /// <summary>Read before the last rebuttal, or in the same sentence as one: the denied rumour.</summary>
    private bool Rebutted(Field[] fields, int f, KeywordHit hit, (int Field, int Start)? lastRebuttal)
    {
        if (lastRebuttal is not { } last)
        {
            return false;
        }

        if (f < last.Field || (f == last.Field && hit.Start < last.Start))
        {
            return true;
        }

        // "辟谣！…" or "辟谣：…" opening a title or text speaks for all of it.
        var field = fields[f];
        var sentence = Span(field, hit, SentenceEnds);
        return field.Hits.Any(h => Role(h) == LexiconRole.Rebuttal && (h.Start == 0 || Span(field, h, SentenceEnds) == sentence));
    }

    private IEnumerable<KeywordHit> SameClause(Field field, KeywordHit hit, LexiconRole role)
    {
        var clause = Span(field, hit, ClauseEnds);
        return field.Hits.Where(h => Role(h) == role && Span(field, h, ClauseEnds) == clause);
    }

    /// <summary>The clause or sentence (start in the original text) a hit lies in.</summary>
    private static int Span(Field field, KeywordHit hit, SearchValues<char> ends)
    {
        var at = field.Normal.Map[hit.Start];
        return field.Original.AsSpan(0, at).LastIndexOfAny(ends) + 1;
    }

    private LexiconRole Role(KeywordHit hit) => _entries[hit.Pattern].Role;

    private string Word(Field field, KeywordHit hit) => MatchedWord(field.Normal.Text, hit, _entries[hit.Pattern].Prefix);

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

    private sealed record Field(string Original, NormalizedText Normal, double Factor, List<KeywordHit> Hits);
}
