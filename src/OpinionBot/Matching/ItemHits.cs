namespace OpinionBot.Matching;

/// <summary>Where each pattern occurs in an item's normalised title and text; answers the rule evaluator's questions.</summary>
internal sealed class ItemHits
{
    private readonly Dictionary<int, List<(RuleScope Field, KeywordHit Hit)>> _byPattern = [];
    private readonly string _title;
    private readonly string _text;
    private int[]? _titleUnits;
    private int[]? _textUnits;

    public ItemHits(string title, string text, List<KeywordHit> titleHits, List<KeywordHit> textHits)
    {
        _title = title;
        _text = text;
        Add(RuleScope.Title, titleHits);
        Add(RuleScope.Text, textHits);
    }

    public IEnumerable<int> Patterns => _byPattern.Keys;

    public bool Has(int pattern, TermNode term)
    {
        if (_byPattern.TryGetValue(pattern, out var list))
        {
            foreach (var (field, hit) in list)
            {
                if ((term.Prefix || hit.WholeWord) && (term.Scope == RuleScope.Anywhere || term.Scope == field))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public IEnumerable<(RuleScope Field, KeywordHit Hit)> Occurrences(int pattern, TermNode term) =>
        _byPattern.TryGetValue(pattern, out var list)
            ? list.Where(x => (term.Prefix || x.Hit.WholeWord) && (term.Scope == RuleScope.Anywhere || term.Scope == x.Field))
            : [];

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

    private void Add(RuleScope field, List<KeywordHit> hits)
    {
        foreach (var hit in hits)
        {
            if (!_byPattern.TryGetValue(hit.Pattern, out var list))
            {
                _byPattern[hit.Pattern] = list = [];
            }

            list.Add((field, hit));
        }
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
