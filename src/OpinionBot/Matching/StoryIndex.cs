namespace OpinionBot.Matching;

/// <summary>How story identity decides; see <c>Matching/README.md</c> and <see cref="StoryIndex"/>.</summary>
/// <param name="TextSimilarity">Text similarity (template text left out) from which two items sharing a term are one story.</param>
/// <param name="TitleSimilarity">Headline event-word similarity from which two items are one story (or, sharing a term, half of it).</param>
/// <param name="TemplateStories">Text and terms found in this many different stories are template (boilerplate, a city name) and prove nothing.</param>
public sealed record StoryRules(double TextSimilarity = StoryRules.DefaultTextSimilarity, double TitleSimilarity = 0.5, int TemplateStories = 3)
{
    public const double DefaultTextSimilarity = 0.25;
}

/// <summary>
/// Finds the incident an item's story already belongs to. Two items are one story when they name the same event:
/// <list type="number">
/// <item>they must not name different places of the same kind (石桥镇 vs 城关镇, 红旗村 vs 光明村, two hospitals);</item>
/// <item>and then either their headlines carry the same event words, or they share a distinctive term (place,
/// institution, person, count) and their texts or headlines agree beyond that, or they share two terms and an
/// event word.</item>
/// </list>
/// Text shared by different stories is template (forum boilerplate, "网友反映", a site footer): the index counts, for
/// every MinHash slot value and every term, how many different stories carry it, and leaves out what
/// <see cref="StoryRules.TemplateStories"/> stories share. Held in memory; on start, rebuild it by calling
/// <see cref="Add"/> for each stored appearance of recent incidents. Thread-safe.
/// </summary>
public sealed class StoryIndex(TimeSpan window, StoryRules? rules = null, int limit = int.MaxValue)
{
    /// <summary>The default text similarity; kept for the settings default.</summary>
    public const double DefaultThreshold = StoryRules.DefaultTextSimilarity;

    // A place or name is template only when many more stories carry it than text needs: a village or a hospital may
    // well have several stories in a window, a site footer's address or the county's name has them all.
    private const int TermTemplateFactor = 4;

    // Fewer usable (non-template) slots than this say too little about the texts.
    private const int MinUsableSlots = 8;

    private readonly StoryRules _rules = rules ?? new StoryRules();
    private readonly Lock _lock = new();
    private readonly HashSet<long> _known = [];
    private readonly List<Entry> _entries = [];
    private readonly StoryCarriers _carriers = new();
    private readonly Dictionary<ulong, List<Entry>> _termPostings = [];
    private readonly Dictionary<ulong, List<Entry>> _wordPostings = [];
    private readonly List<Entry> _legacy = [];
    private int _removedSinceCount;
    private ForgottenEarly? _forgotten;

    public StoryIndex(TimeSpan window, double threshold)
        : this(window, new StoryRules(TextSimilarity: threshold))
    {
    }

    public TimeSpan Window => window;

    /// <summary>The most appearances held; past it the oldest are forgotten before the window ends.</summary>
    public int Limit => limit;

    /// <summary>When the limit last made the index forget appearances still inside the window (null: never).</summary>
    public ForgottenEarly? Forgotten
    {
        get
        {
            lock (_lock)
            {
                return _forgotten;
            }
        }
    }

    public StoryRules Rules => _rules;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The incident of the best-matching story within <see cref="Window"/> of <paramref name="at"/>, or null.</summary>
    public long? Find(StoryFingerprint fingerprint, DateTimeOffset at)
    {
        if (fingerprint.IsEmpty)
        {
            return null;
        }

        lock (_lock)
        {
            long? best = null;
            var bestScore = 0.0;
            var template = TemplateSlots(fingerprint);
            foreach (var entry in Candidates(fingerprint))
            {
                if (entry.Removed || (entry.At - at).Duration() > window)
                {
                    continue;
                }

                // Ties go to the older incident, so the answer never depends on the order candidates come in.
                var score = Score(fingerprint, template, entry);
                if (score > bestScore || (score == bestScore && score > 0 && entry.IncidentId < best))
                {
                    (best, bestScore) = (entry.IncidentId, score);
                }
            }

            return best;
        }
    }

    /// <summary>Remembers that <paramref name="incidentId"/> has an appearance with this fingerprint at this time.</summary>
    public void Add(long incidentId, StoryFingerprint fingerprint, DateTimeOffset at)
    {
        if (fingerprint.IsEmpty)
        {
            return;
        }

        lock (_lock)
        {
            var entry = new Entry(incidentId, fingerprint, at);
            _known.Add(incidentId);
            _entries.Add(entry);
            Tally(entry);
            Post(entry);
            if (_entries.Count > limit)
            {
                ForgetOldest();
            }
        }
    }

    /// <summary>
    /// Over the limit: forgets the oldest twentieth at once (entries are kept in the order they came, which is their
    /// order in time but for a start-up's rebuild), so the recount this calls for comes once per twentieth, not per add.
    /// The recount rebuilds the tables and postings from what is left, so the forgotten need no marking.
    /// </summary>
    private void ForgetOldest()
    {
        var count = Math.Max(1, _entries.Count - (limit - (limit / 20)));
        var through = _entries[count - 1].At;
        _entries.RemoveRange(0, count);
        _forgotten = new ForgottenEarly(_entries[^1].At, through, (_forgotten?.Appearances ?? 0) + count);
        Recount();
    }

    /// <summary>Forgets appearances older than the window; call now and then (e.g. from the minute tick).</summary>
    public void Prune(DateTimeOffset now)
    {
        lock (_lock)
        {
            // Stale counts only make template a little more likely, so recounting waits until enough has gone.
            _removedSinceCount += _entries.RemoveAll(e => e.Removed = now - e.At > window);
            if (_removedSinceCount > _entries.Count / 20)
            {
                Recount();
            }
        }
    }

    /// <summary>Whether this index has ever been given an appearance of the incident (forgetting it later does not change that).</summary>
    public bool Knows(long incidentId)
    {
        lock (_lock)
        {
            return _known.Contains(incidentId);
        }
    }

    /// <summary>Forgets an incident, e.g. one marked as a false alarm or merged by hand.</summary>
    public void Remove(long incidentId)
    {
        lock (_lock)
        {
            _removedSinceCount += _entries.RemoveAll(e => e.Removed = e.IncidentId == incidentId);
            if (_removedSinceCount > _entries.Count / 20)
            {
                Recount();
            }
        }
    }

    /// <summary>The evidence between two items as this index weighs it now, for tuning and tests.</summary>
    internal string Explain(StoryFingerprint a, StoryFingerprint b)
    {
        lock (_lock)
        {
            var (agreement, conflict) = Terms(a, b);
            var (shared, title) = TitleAgreement(a, b);
            var template = TemplateSlots(a);
            return $"text {TextSimilarity(a, template, b):0.00} title {title:0.00} ({shared} words) terms {agreement:0.00}{(conflict ? " CONFLICT" : "")} score {Score(a, template, new Entry(0, b, default)):0.00}";
        }
    }

    /// <summary>How strongly the item belongs to the entry's story; 0 when it does not.</summary>
    private double Score(StoryFingerprint item, ulong template, Entry entry)
    {
        var known = entry.Fingerprint;
        if (item.IsLegacy || known.IsLegacy)
        {
            // Stored before terms existed: only the texts can be compared.
            var similarity = item.Similarity(known);
            return similarity >= _rules.TextSimilarity ? similarity + 0.01 : 0;
        }

        // Every rule below needs a shared term or two shared headline words: most pairs stop here, cheaply.
        var (sharedWords, title) = TitleAgreement(item, known);
        if (sharedWords < 2 && !SharesAny(item.Terms, known.Terms))
        {
            return 0;
        }

        var (agreement, conflict) = Terms(item, known);
        if (conflict)
        {
            return 0;
        }

        var text = TextSimilarity(item, template, known);

        // Headlines naming different places (and nothing in common) are not the same headline, however alike.
        var headlinesApart = PlaceLevels(item.TitleTerms) != 0 && PlaceLevels(known.TitleTerms) != 0 && SharedLevels(item.TitleTerms, known.TitleTerms) == 0 && agreement == 0;
        var same =
            (!headlinesApart && title >= _rules.TitleSimilarity && sharedWords >= 3) ||
            (!headlinesApart && title >= 0.6 * _rules.TitleSimilarity && sharedWords >= 5) ||
            (agreement >= 1 && (sharedWords >= 2 || title >= _rules.TitleSimilarity / 2 || text >= _rules.TextSimilarity)) ||
            (agreement >= 2 && (sharedWords >= 1 || text >= _rules.TextSimilarity)) ||
            agreement >= 3 ||
            (text >= 2 * _rules.TextSimilarity && sharedWords >= 2);
        return same ? text + title + (agreement / 4) + 0.01 : 0;
    }

    /// <summary>Which of the item's MinHash slots hold template values (bit i for slot i), looked up once per item.</summary>
    private ulong TemplateSlots(StoryFingerprint item)
    {
        var mask = 0UL;
        for (var i = 0; i < StoryFingerprint.Size; i++)
        {
            mask |= IsTemplate(SlotKey(i, item.Slot(i)), _rules.TemplateStories) ? 1UL << i : 0;
        }

        return mask;
    }

    /// <summary>Share of equal MinHash slots, counting only slots whose values are not template on either side.</summary>
    private double TextSimilarity(StoryFingerprint a, ulong templateOfA, StoryFingerprint b)
    {
        int usable = 0, same = 0;
        for (var i = 0; i < StoryFingerprint.Size; i++)
        {
            var (x, y) = (a.Slot(i), b.Slot(i));
            if ((templateOfA & (1UL << i)) != 0 || (x != y && IsTemplate(SlotKey(i, y), _rules.TemplateStories)))
            {
                continue;
            }

            usable++;
            same += x == y ? 1 : 0;
        }

        return usable < MinUsableSlots ? 0 : (double)same / usable;
    }

    /// <summary>
    /// Weighted shared terms (template terms left out), and whether the two name different places of one level with
    /// none in common, which means different events however alike the texts are. Places are judged on the headlines
    /// when both name one at that level, else on the whole items.
    /// </summary>
    private (double Agreement, bool Conflict) Terms(StoryFingerprint a, StoryFingerprint b)
    {
        var agreement = 0.0;
        foreach (var term in a.Terms)
        {
            if (Contains(b.Terms, term) && !IsTemplate(TermKey(term), TermTemplateFactor * _rules.TemplateStories))
            {
                agreement += StoryFingerprint.KindOf(term) switch
                {
                    StoryTermKind.Place => StoryFingerprint.LevelOf(term) == StoryTerms.County ? 0.5 : 1,
                    StoryTermKind.Person => 0.75,
                    _ => 0.5,
                };
            }
        }

        var (titleA, allA) = (PlaceLevels(a.TitleTerms), PlaceLevels(a.Terms));
        var (titleB, allB) = (PlaceLevels(b.TitleTerms), PlaceLevels(b.Terms));
        var shared = SharedLevels(a.Terms, b.Terms);
        var conflict = false;
        for (var level = StoryTerms.Town; level <= StoryTerms.Venue && !conflict; level++)
        {
            var bit = 1 << level;
            conflict = (titleA & titleB & bit) != 0
                ? (SharedLevels(a.TitleTerms, b.TitleTerms) & bit) == 0 && (shared & bit) == 0
                : (allA & allB & bit) != 0 && (shared & bit) == 0;
        }

        // Counties alone do not decide: a story may be placed by its town only. Two counties and nothing shared do.
        conflict |= (allA & allB & (1 << StoryTerms.County)) != 0 && shared == 0;
        return (agreement, conflict);
    }

    private static int PlaceLevels(IReadOnlyList<ulong> terms)
    {
        var levels = 0;
        foreach (var term in terms)
        {
            levels |= StoryFingerprint.KindOf(term) == StoryTermKind.Place ? 1 << StoryFingerprint.LevelOf(term) : 0;
        }

        return levels;
    }

    private static int SharedLevels(IReadOnlyList<ulong> a, IReadOnlyList<ulong> b)
    {
        var levels = 0;
        foreach (var term in a)
        {
            levels |= StoryFingerprint.KindOf(term) == StoryTermKind.Place && Contains(b, term) ? 1 << StoryFingerprint.LevelOf(term) : 0;
        }

        return levels;
    }

    private static (int Shared, double Similarity) TitleAgreement(StoryFingerprint a, StoryFingerprint b)
    {
        var shared = 0;
        foreach (var word in a.TitleWords)
        {
            shared += Contains(b.TitleWords, word) ? 1 : 0;
        }

        var union = a.TitleWords.Count + b.TitleWords.Count - shared;
        return (shared, union == 0 ? 0 : (double)shared / union);
    }

    private static bool SharesAny(IReadOnlyList<ulong> a, IReadOnlyList<ulong> b)
    {
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            if (a[i] == b[j])
            {
                return true;
            }

            (i, j) = a[i] < b[j] ? (i + 1, j) : (i, j + 1);
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<ulong> sorted, ulong value)
    {
        int low = 0, high = sorted.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >> 1;
            var found = sorted[middle];
            if (found == value)
            {
                return true;
            }

            (low, high) = found < value ? (middle + 1, high) : (low, middle - 1);
        }

        return false;
    }

    private bool IsTemplate(ulong key, int stories) => _carriers.Count(key) >= stories;

    // Slot keys live apart from term hashes: terms keep their low byte for kind and level, slot keys set the top bit.
    private static ulong SlotKey(int slot, uint value) => 0x8000_0000_0000_0000UL | ((ulong)slot << 32) | value;

    private static ulong TermKey(ulong term) => term & 0x7FFF_FFFF_FFFF_FFFFUL;

    // Each value is counted only as far as its test needs: a slot value is template at TemplateStories, a term at
    // TermTemplateFactor times that (StoryCarriers keeps two or three stories in the row, a list only past that).
    private void Tally(Entry entry)
    {
        for (var i = 0; i < StoryFingerprint.Size; i++)
        {
            _carriers.Note(SlotKey(i, entry.Fingerprint.Slot(i)), entry.IncidentId, _rules.TemplateStories);
        }

        foreach (var term in entry.Fingerprint.Terms)
        {
            _carriers.Note(TermKey(term), entry.IncidentId, TermTemplateFactor * _rules.TemplateStories);
        }
    }

    private void Recount()
    {
        _removedSinceCount = 0;
        _carriers.Clear();
        // The postings are emptied and refilled in place: at its limit in a storm the index recounts every minute or so,
        // and new lists for every term and word each time left tens of megabytes of long-lived garbage behind.
        Empty(_termPostings);
        Empty(_wordPostings);
        _legacy.Clear();
        foreach (var entry in _entries)
        {
            Tally(entry);
            Post(entry);
        }

        Drop(_termPostings);
        Drop(_wordPostings);
    }

    private static void Empty(Dictionary<ulong, List<Entry>> postings)
    {
        foreach (var list in postings.Values)
        {
            list.Clear();
        }
    }

    // The keys no appearance carries any more.
    private static void Drop(Dictionary<ulong, List<Entry>> postings)
    {
        foreach (var (key, list) in postings)
        {
            if (list.Count == 0)
            {
                postings.Remove(key); // allowed while enumerating since .NET Core 3.0
            }
        }
    }

    /// <summary>
    /// The appearances that could pass a rule: every rule needs a shared (non-template) term or two shared headline
    /// words, so an inverted index finds them without scanning the whole window. Legacy fingerprints are always looked at.
    /// </summary>
    private IEnumerable<Entry> Candidates(StoryFingerprint item)
    {
        if (item.IsLegacy)
        {
            return _entries;
        }

        var words = new Dictionary<Entry, int>(ReferenceEqualityComparer.Instance);
        var found = new HashSet<Entry>(_legacy, ReferenceEqualityComparer.Instance);
        foreach (var term in item.Terms)
        {
            if (!IsTemplate(TermKey(term), TermTemplateFactor * _rules.TemplateStories) && _termPostings.TryGetValue(TermKey(term), out var posted))
            {
                found.UnionWith(posted);
            }
        }

        foreach (var word in item.TitleWords)
        {
            if (_wordPostings.TryGetValue(word, out var posted))
            {
                foreach (var entry in posted)
                {
                    if ((words[entry] = words.GetValueOrDefault(entry) + 1) == 2)
                    {
                        found.Add(entry);
                    }
                }
            }
        }

        return found;
    }

    private void Post(Entry entry)
    {
        if (entry.Fingerprint.IsLegacy)
        {
            _legacy.Add(entry);
            return;
        }

        foreach (var term in entry.Fingerprint.Terms)
        {
            Posting(_termPostings, TermKey(term)).Add(entry);
        }

        foreach (var word in entry.Fingerprint.TitleWords)
        {
            Posting(_wordPostings, word).Add(entry);
        }
    }

    private static List<Entry> Posting(Dictionary<ulong, List<Entry>> postings, ulong key)
    {
        if (!postings.TryGetValue(key, out var list))
        {
            postings[key] = list = [];
        }

        return list;
    }

    private sealed class Entry(long incidentId, StoryFingerprint fingerprint, DateTimeOffset at)
    {
        public long IncidentId => incidentId;
        public StoryFingerprint Fingerprint => fingerprint;
        public DateTimeOffset At => at;

        /// <summary>Pruned or forgotten; the postings still hold it until the next recount.</summary>
        public bool Removed { get; set; }
    }
}

/// <summary>
/// The story index hit its limit: <paramref name="Appearances"/> appearances forgotten early in all, the latest of them
/// seen at <paramref name="Through"/>; the last time at <paramref name="At"/>.
/// </summary>
public sealed record ForgottenEarly(DateTimeOffset At, DateTimeOffset Through, long Appearances);
