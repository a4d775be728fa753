using System.Buffers.Binary;

namespace OpinionBot.Matching;

/// <summary>
/// What story identity compares of one item: a MinHash signature of its normalised title and text over shingles of two
/// tokens (a token is one Chinese character or one Latin word), the distinctive terms it names (places, institutions,
/// persons, counts: <see cref="StoryTerms"/>) and the event words of its headline (title pairs of characters outside
/// those terms, without repost and complaint boilerplate). See <see cref="StoryIndex"/> for how they decide.
/// Stored as a short string (<see cref="ToString"/> / <see cref="Parse"/>); a fingerprint stored before terms existed
/// parses as <see cref="IsLegacy"/> and is compared by text alone.
/// </summary>
public sealed class StoryFingerprint
{
    public const int Size = 64;
    private const int ShingleTokens = 2;
    private const int MaxTitleWords = 48;
    private const int MaxTerms = 24;
    private const string Version = "2";
    private static readonly ulong[] Seeds = CreateSeeds();

    // Headline words that say how something was posted or that it is a complaint, not what happened.
    private static readonly HashSet<string> TitleNoise = new(StringComparer.Ordinal)
    {
        "网友", "友爆", "爆料", "网传", "转载", "转自", "突发", "快讯", "视频", "回应", "反映", "映问", "问题", "情况", "关于", "群众", "市民",
        "村民", "居民", "求助", "希望", "部门", "有关", "相关", "我们", "怎么", "为何", "什么", "谁来", "来管", "多名", "一名", "一家", "一所",
        "近日", "今天", "昨天", "曝光", "投诉", "举报", "被指", "遭遇", "引发", "引关", "关注", "质疑", "官方", "通报", "最新", "进展", "记者",
        "调查", "探访", "紧急", "患者", "者家", "家属", "病人", "家长", "学生", "老人", "孩子", "业主", "顾客", "乘客", "实名", "注意", "提醒", "消息", "新闻", "热议", "不满", "领导", "留言", "的问", "题的", "的反", "映的",
        "the", "and", "for", "with", "from", "after", "over", "into", "about", "are", "was", "were", "has", "have", "had", "its",
        "their", "his", "her", "says", "said", "say", "new", "more", "than", "this", "that", "amid", "not", "what", "who",
    };

    private readonly uint[] _slots;

    private StoryFingerprint(uint[] slots, ulong[] titleWords, ulong[] terms, ulong[] titleTerms, bool legacy)
    {
        _slots = slots;
        TitleWords = titleWords;
        Terms = terms;
        TitleTerms = titleTerms;
        IsLegacy = legacy;
    }

    /// <summary>True when the item had no text to fingerprint; an empty fingerprint matches nothing.</summary>
    public bool IsEmpty => _slots.Length == 0;

    /// <summary>Stored before story terms existed: only the text signature is known.</summary>
    public bool IsLegacy { get; }

    /// <summary>Hashes of the headline's event words, sorted.</summary>
    public IReadOnlyList<ulong> TitleWords { get; }

    /// <summary>Hashes of the distinctive terms, sorted; the kind and place level are in the low byte (<see cref="KindOf"/>).</summary>
    public IReadOnlyList<ulong> Terms { get; }

    /// <summary>The terms named in the headline, sorted: the places a conflict is judged on first.</summary>
    public IReadOnlyList<ulong> TitleTerms { get; }

    internal uint Slot(int i) => _slots[i];

    public static StoryTermKind KindOf(ulong term) => (StoryTermKind)(term & 0x3);

    public static int LevelOf(ulong term) => (int)((term >> 2) & 0xF);

    public static StoryFingerprint Of(string? title, string? text)
    {
        // Terms and headline words never run across punctuation, which normalising removed between Chinese characters.
        var titlePhrases = Phrases(TextNormalizer.Normalize(title));
        var textPhrases = Phrases(TextNormalizer.Normalize(text));
        var titleTerms = StoryTerms.Find(titlePhrases);
        var textTerms = StoryTerms.Find(textPhrases);

        // The text signature leaves the terms out: they are compared as terms, and the text should say what happened.
        var shingles = Shingles(Blank(titlePhrases, titleTerms) + " " + Blank(textPhrases, textTerms));
        if (shingles.Count == 0)
        {
            shingles = Shingles(titlePhrases + " " + textPhrases);
        }

        if (shingles.Count == 0)
        {
            return new StoryFingerprint([], [], [], [], false);
        }

        var slots = new uint[Size];
        Array.Fill(slots, uint.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < Size; i++)
            {
                var h = (uint)Mix(shingle ^ Seeds[i]);
                if (h < slots[i])
                {
                    slots[i] = h;
                }
            }
        }

        var titleHashes = titleTerms.Select(TermHash).Distinct().Take(MaxTerms).ToArray();
        var latinNames = LatinNames.Find(text).ToList();
        var terms = titleHashes.Concat(textTerms.Select(TermHash)).Concat(latinNames.Select(TermHash))
            .Distinct().Take(MaxTerms).Order().ToArray();

        // Words of a name are compared as the name, not again as headline words.
        var nameWords = latinNames.SelectMany(n => n.Key[..n.Key.IndexOf('|')].Split(' ')).ToHashSet(StringComparer.Ordinal);
        return new StoryFingerprint(slots, TitleWordsOf(titlePhrases, titleTerms, nameWords), terms, [.. titleHashes.Order()], false);
    }

    private static string Blank(string phrases, IReadOnlyList<StoryTerm> terms)
    {
        if (terms.Count == 0)
        {
            return phrases;
        }

        var chars = phrases.ToCharArray();
        foreach (var term in terms)
        {
            Array.Fill(chars, ' ', term.Start, term.Length);
        }

        return new string(chars);
    }

    /// <summary>The normalised text with a space wherever the original had punctuation or spaces.</summary>
    private static string Phrases(NormalizedText normal)
    {
        var text = new System.Text.StringBuilder(normal.Text.Length + 16);
        for (var i = 0; i < normal.Text.Length; i++)
        {
            if (i > 0 && normal.Map[i] != normal.Map[i - 1] + 1 && normal.Text[i] != ' ' && normal.Text[i - 1] != ' ')
            {
                text.Append(' ');
            }

            text.Append(normal.Text[i]);
        }

        return text.ToString();
    }

    /// <summary>Estimated Jaccard similarity of the texts, 0..1; 0 when either is empty.</summary>
    public double Similarity(StoryFingerprint other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return 0;
        }

        var same = 0;
        for (var i = 0; i < Size; i++)
        {
            same += _slots[i] == other._slots[i] ? 1 : 0;
        }

        return (double)same / Size;
    }

    public override string ToString()
    {
        var bytes = new byte[_slots.Length * 4];
        for (var i = 0; i < _slots.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), _slots[i]);
        }

        return IsEmpty ? "" : $"{Version}.{Convert.ToBase64String(bytes)}.{Encode(TitleWords)}.{Encode(Terms)}.{Encode(TitleTerms)}";
    }

    /// <summary>Reads a stored fingerprint; anything unreadable becomes an empty fingerprint rather than an error.</summary>
    public static StoryFingerprint Parse(string? stored)
    {
        var empty = new StoryFingerprint([], [], [], [], false);
        if (string.IsNullOrEmpty(stored))
        {
            return empty;
        }

        var parts = stored.Split('.');
        var legacy = parts.Length == 1;
        if (!legacy && (parts.Length != 5 || parts[0] != Version))
        {
            return empty;
        }

        var bytes = new byte[Size * 4];
        if (!Convert.TryFromBase64String(legacy ? parts[0] : parts[1], bytes, out var written) || written != bytes.Length)
        {
            return empty;
        }

        var slots = new uint[Size];
        for (var i = 0; i < Size; i++)
        {
            slots[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4));
        }

        return legacy ? new StoryFingerprint(slots, [], [], [], true)
            : Decode(parts[2]) is { } words && Decode(parts[3]) is { } terms && Decode(parts[4]) is { } titleTerms
                ? new StoryFingerprint(slots, words, terms, titleTerms, false)
                : empty;
    }

    private static string Encode(IReadOnlyList<ulong> values)
    {
        var bytes = new byte[values.Count * 8];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    private static ulong[]? Decode(string text)
    {
        var bytes = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written % 8 != 0)
        {
            return null;
        }

        var values = new ulong[written / 8];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8));
        }

        return values;
    }

    private static ulong TermHash(StoryTerm term) =>
        (Hash(term.Key) & ~0xFFUL) | ((ulong)(term.Level & 0xF) << 2) | (ulong)term.Kind;

    /// <summary>Pairs of Chinese characters and Latin words of the headline, outside the terms and the noise words.</summary>
    private static ulong[] TitleWordsOf(string normalTitle, IReadOnlyList<StoryTerm> terms, HashSet<string> nameWords)
    {
        var chars = Blank(normalTitle, terms).ToCharArray();

        var words = new HashSet<ulong>();
        var i = 0;
        while (i < chars.Length)
        {
            if (TextNormalizer.IsCjk(chars[i]))
            {
                if (i + 1 < chars.Length && TextNormalizer.IsCjk(chars[i + 1]))
                {
                    var pair = new string(chars, i, 2);
                    if (!TitleNoise.Contains(pair))
                    {
                        words.Add(Hash(pair));
                    }
                }

                i++;
                continue;
            }

            var start = i;
            while (i < chars.Length && TextNormalizer.IsWordChar(chars[i]))
            {
                i++;
            }

            var word = new string(chars, start, i - start);
            if (word.Length >= 3 && !TitleNoise.Contains(word) && !nameWords.Contains(word))
            {
                words.Add(Hash(word));
            }

            i = Math.Max(i, start + 1);
        }

        return [.. words.Take(MaxTitleWords).Order()];
    }

    private static HashSet<ulong> Shingles(string normal)
    {
        var tokens = new List<ulong>();
        var i = 0;
        while (i < normal.Length)
        {
            var start = i;
            if (TextNormalizer.IsWordChar(normal[i]))
            {
                while (i < normal.Length && TextNormalizer.IsWordChar(normal[i]))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            if (normal[start] != ' ')
            {
                tokens.Add(Hash(normal.AsSpan(start, i - start)));
            }
        }

        var shingles = new HashSet<ulong>();
        for (var t = 0; t + ShingleTokens <= tokens.Count; t++)
        {
            var h = 0UL;
            for (var k = 0; k < ShingleTokens; k++)
            {
                h = Mix(h ^ tokens[t + k]);
            }

            shingles.Add(h);
        }

        // Very short items (a two-word title) still get a fingerprint from their tokens.
        if (shingles.Count == 0)
        {
            shingles.UnionWith(tokens);
        }

        return shingles;
    }

    private static ulong Hash(ReadOnlySpan<char> token)
    {
        // FNV-1a: stable across processes (string.GetHashCode is randomised), so stored fingerprints stay comparable.
        var h = 14695981039346656037UL;
        foreach (var c in token)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }

    /// <summary>SplitMix64 finaliser: a fast, well-spread 64-bit mix.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong[] CreateSeeds()
    {
        var seeds = new ulong[Size];
        var state = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < Size; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            seeds[i] = Mix(state);
        }

        return seeds;
    }
}
