namespace OpinionBot.Matching;

/// <summary>
/// Picks an incident's key terms from its title for focused monitoring, without a segmenter: known words (the lexicon
/// and topic keywords) are cut out of each Chinese run, the rest is split at function characters, and names of
/// places and organisations (…医院, …小学, …公司) come first. Latin words count when they are not stop words.
/// </summary>
public sealed class KeyTermExtractor
{
    private const string FunctionChars = "的了在是和与及对被把将向从于为因后称等又也都就还而并让给致其这那之或但已再仍遭请该";
    private static readonly string[] EntitySuffixes =
    [
        "医院", "卫生院", "学校", "小学", "中学", "大学", "幼儿园", "公司", "集团", "工厂", "厂", "局", "委", "县", "市", "区",
        "镇", "乡", "村", "街道", "社区", "小区", "银行", "法院", "派出所", "酒店", "超市", "商场", "站",
    ];

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "for", "with", "from", "after", "over", "into", "about", "are", "was", "were", "has", "have", "had",
        "its", "their", "his", "her", "says", "said", "say", "new", "more", "than", "this", "that", "amid", "against", "not",
    };

    private readonly HashSet<string> _known;
    private readonly HashSet<string> _fillers;
    private readonly int _longestKnown;

    /// <param name="knownWords">Words to keep whole and cut out of longer runs: negative words and topic keywords.</param>
    /// <param name="fillerWords">Words that are cut out but are never terms: degree and negation words (多名, 没有).</param>
    public KeyTermExtractor(IEnumerable<string> knownWords, IEnumerable<string>? fillerWords = null)
    {
        _fillers = new HashSet<string>((fillerWords ?? []).Select(TextNormalizer.NormalizeKeyword).Where(w => w.Length >= 2), StringComparer.Ordinal);
        _known = new HashSet<string>(knownWords.Select(TextNormalizer.NormalizeKeyword).Where(w => w.Length >= 2), StringComparer.Ordinal);
        _known.ExceptWith(_fillers);
        _known.UnionWith(_fillers);
        _longestKnown = _known.Count == 0 ? 0 : _known.Max(w => w.Length);
    }

    public IReadOnlyList<string> Extract(string? title, int max = 4)
    {
        var names = new List<string>();
        var pieces = new List<string>();
        var known = new List<string>();
        foreach (var run in Runs(title ?? ""))
        {
            if (!TextNormalizer.IsCjk(run[0]))
            {
                if (run.Length >= 3 && !StopWords.Contains(run) && !_fillers.Contains(run))
                {
                    (_known.Contains(run) ? known : pieces).Add(run);
                }

                continue;
            }

            foreach (var (piece, isKnown) in Cut(run))
            {
                var target = isKnown ? known : EntitySuffixes.Any(piece.EndsWith) ? names : pieces;
                if (piece.Length >= 2 && !_fillers.Contains(piece))
                {
                    target.Add(piece);
                }
            }
        }

        return [.. names.Concat(pieces.OrderByDescending(p => p.Length)).Concat(known).Distinct().Take(max)];
    }

    /// <summary>Folded runs of Chinese characters or of one Latin word; punctuation and spaces end a run.</summary>
    private static IEnumerable<string> Runs(string title)
    {
        var normal = TextNormalizer.Normalize(title);
        var start = 0;
        for (var i = 1; i <= normal.Text.Length; i++)
        {
            // Normalising removes punctuation between Chinese characters; the original text still shows where it was.
            var boundary = i == normal.Text.Length || normal.Text[i] == ' ' || normal.Map[i] != normal.Map[i - 1] + 1 ||
                TextNormalizer.IsCjk(normal.Text[i]) != TextNormalizer.IsCjk(normal.Text[i - 1]);
            if (boundary)
            {
                var run = normal.Text[start..i].Trim();
                if (run.Length > 0)
                {
                    yield return run;
                }

                start = i;
            }
        }
    }

    /// <summary>Forward longest match of known words; the stretches between them are split at function characters.</summary>
    private IEnumerable<(string Piece, bool Known)> Cut(string run)
    {
        var rest = new System.Text.StringBuilder();
        var i = 0;
        while (i < run.Length)
        {
            var length = Math.Min(_longestKnown, run.Length - i);
            while (length >= 2 && !_known.Contains(run.Substring(i, length)))
            {
                length--;
            }

            if (length >= 2 || FunctionChars.Contains(run[i]))
            {
                if (rest.Length > 0)
                {
                    yield return (rest.ToString(), false);
                    rest.Clear();
                }

                if (length >= 2)
                {
                    yield return (run.Substring(i, length), true);
                }

                i += Math.Max(length, 1);
                continue;
            }

            rest.Append(run[i++]);
        }

        if (rest.Length > 0)
        {
            yield return (rest.ToString(), false);
        }
    }
}
