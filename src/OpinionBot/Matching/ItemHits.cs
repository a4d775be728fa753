namespace OpinionBot.Matching;

/// <summary>Where each pattern occurs in an item's normalised title and text; answers the rule evaluator's questions.</summary>
internal sealed class ItemHits
{
    // Every hit, sorted by pattern: one array instead of a list per pattern; a pattern's hits are found by binary search.
    private readonly (RuleScope Field, KeywordHit Hit)[] _hits;
    private readonly int[] _patterns;
    private readonly string _title;
    private readonly string _text;
    private int[]? _titleUnits;
    private int[]? _textUnits;

    public ItemHits(string title, string text, List<KeywordHit> titleHits, List<KeywordHit> textHits)
    {
        _title = title;
        _text = text;
        _hits = new (RuleScope, KeywordHit)[titleHits.Count + textHits.Count];
        var at = 0;
        foreach (var hit in titleHits)
        {
            _hits[at++] = (RuleScope.Title, hit);
        }

        foreach (var hit in textHits)
        {
            _hits[at++] = (RuleScope.Text, hit);
        }

        // Stable by pattern (title before text, each in text order), as the per-pattern lists kept them.
        var keys = new long[_hits.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)_hits[i].Hit.Pattern << 32) | (uint)i;
        }

        Array.Sort(keys, _hits);
        var patterns = new List<int>();
        for (var i = 0; i < _hits.Length; i++)
        {
            if (i == 0 || _hits[i].Hit.Pattern != _hits[i - 1].Hit.Pattern)
            {
                patterns.Add(_hits[i].Hit.Pattern);
            }
        }

        _patterns = [.. patterns];
    }

    /// <summary>The distinct patterns that occur, ascending.</summary>
    public IReadOnlyList<int> Patterns => _patterns;

    public bool Has(int pattern, TermNode term)
    {
        for (var i = First(pattern); i < _hits.Length && _hits[i].Hit.Pattern == pattern; i++)
        {
            var (field, hit) = _hits[i];
            if ((term.Prefix || hit.WholeWord) && (term.Scope == RuleScope.Anywhere || term.Scope == field))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<(RuleScope Field, KeywordHit Hit)> Occurrences(int pattern, TermNode term)
    {
        for (var i = First(pattern); i < _hits.Length && _hits[i].Hit.Pattern == pattern; i++)
        {
            var x = _hits[i];
            if ((term.Prefix || x.Hit.WholeWord) && (term.Scope == RuleScope.Anywhere || term.Scope == x.Field))
            {
                yield return x;
            }
        }
    }

    /// <summary>Index of the first hit of the pattern (or where it would be).</summary>
    private int First(int pattern)
    {
        int low = 0, high = _hits.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_hits[mid].Hit.Pattern < pattern)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Chinese characters plus Latin words between two occurrences in one field; 0 when they touch or overlap.</summary>
    public int Distance(RuleScope field, KeywordHit a, KeywordHit b)
    {
        var (first, second) = a.Start <= b.Start ? (a, b) : (b, a);
        if (second.Start <= first.End)
        {
            return 0;
        }

        var units = field == RuleScope.Title ? _titleUnits ??= Units(_title) : _textUnits ??= Units(_text);
        return units[second.Start] - units[first.End];
    }

    /// <summary>units[i] = how many units start before position i (a unit is a Chinese character or a Latin word).</summary>
    private static int[] Units(string text)
    {
        var units = new int[text.Length + 1];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var starts = TextNormalizer.IsCjk(c) || (TextNormalizer.IsWordChar(c) && (i == 0 || !TextNormalizer.IsWordChar(text[i - 1])));
            units[i + 1] = units[i] + (starts ? 1 : 0);
        }

        return units;
    }
}
