namespace OpinionBot.Matching;

/// <summary>One occurrence of a pattern in normalised text; <see cref="End"/> is exclusive.</summary>
/// <param name="WholeWord">False when a letter or digit continues the word after the match (e.g. <c>complain</c> in <c>complaints</c>).</param>
public readonly record struct KeywordHit(int Pattern, int Start, int End, bool WholeWord);

/// <summary>
/// Aho–Corasick automaton over normalised patterns: one pass over the text finds every pattern, so the cost does not
/// grow with the number of topics. Matches inside a Latin word (<c>ban</c> in <c>urban</c>) are dropped here; the
/// caller decides whether a match that runs into the following letters counts (prefix terms such as <c>complain*</c>).
/// </summary>
public sealed class KeywordAutomaton
{
    // Root transitions are a flat table because most characters of real text leave the automaton at the root.
    private readonly int[] _root = new int[char.MaxValue + 1];
    private readonly Dictionary<long, int> _next = [];
    private readonly List<int> _fail = [0];
    private readonly List<int> _outputLink = [-1];
    private readonly List<int[]> _outputs = [[]];
    private readonly List<int> _depth = [0];
    private readonly int[] _failArray;
    private readonly int[] _outputLinkArray;
    private readonly int[][] _outputsArray;
    private readonly int[] _depthArray;

    // The goto function of states below the root as one open-addressing table (key = state << 16 | char, plus one so
    // that 0 means empty): a probe or two per character instead of a Dictionary lookup.
    private readonly long[] _keys;
    private readonly int[] _targets;
    private readonly int _shift;

    // For each state, the first state on its output chain (itself when it ends a pattern), or -1.
    private readonly int[] _firstOutput;

    public KeywordAutomaton(IReadOnlyList<string> patterns)
    {
        Patterns = patterns;
        for (var p = 0; p < patterns.Count; p++)
        {
            Insert(patterns[p], p);
        }

        LinkFailures();
        _failArray = [.. _fail];
        _outputLinkArray = [.. _outputLink];
        _outputsArray = [.. _outputs];
        _depthArray = [.. _depth];
        var size = 1 << Math.Max(4, (int)Math.Ceiling(Math.Log2(Math.Max(1, _next.Count) * 2.0)));
        _shift = 64 - (int)Math.Log2(size);
        _keys = new long[size];
        _targets = new int[size];
        foreach (var (key, target) in _next)
        {
            var slot = Slot(key + 1);
            while (_keys[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
            }

            _keys[slot] = key + 1;
            _targets[slot] = target;
        }

        _firstOutput = new int[_failArray.Length];
        for (var s = 0; s < _firstOutput.Length; s++)
        {
            _firstOutput[s] = _outputsArray[s].Length > 0 ? s : _outputLinkArray[s];
        }
    }

    private int Slot(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> _shift);

    /// <summary>The state reached from <paramref name="state"/> (not the root) on <paramref name="c"/>, or 0 when there is no edge.</summary>
    private int Next(int state, char c)
    {
        var key = Key(state, c) + 1;
        var keys = _keys;
        var mask = keys.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var found = keys[slot];
            if (found == key)
            {
                return _targets[slot];
            }

            if (found == 0)
            {
                return 0;
            }
        }
    }

    public IReadOnlyList<string> Patterns { get; }

    public List<KeywordHit> FindAll(string text)
    {
        var hits = new List<KeywordHit>();
        FindAll(text, hits);
        return hits;
    }

    public void FindAll(string text, List<KeywordHit> hits)
    {
        var (root, fail, outputLink, outputs, depth, firstOutput) = (_root, _failArray, _outputLinkArray, _outputsArray, _depthArray, _firstOutput);
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            while (true)
            {
                if (state == 0)
                {
                    state = root[c];
                    break;
                }

                var next = Next(state, c);
                if (next != 0)
                {
                    state = next;
                    break;
                }

                state = fail[state];
            }

            for (var s = firstOutput[state]; s > 0; s = outputLink[s])
            {
                var start = i + 1 - depth[s];
                if (start > 0 && StartsInsideWord(text, start))
                {
                    continue;
                }

                var wholeWord = i + 1 >= text.Length || !TextNormalizer.IsWordChar(text[i]) || !TextNormalizer.IsWordChar(text[i + 1]);
                foreach (var pattern in outputs[s])
                {
                    hits.Add(new KeywordHit(pattern, start, i + 1, wholeWord));
                }
            }
        }
    }

    private static bool StartsInsideWord(string text, int start) =>
        TextNormalizer.IsWordChar(text[start]) && TextNormalizer.IsWordChar(text[start - 1]);

    private static long Key(int state, char c) => ((long)state << 16) | c;

    private void Insert(string pattern, int id)
    {
        if (pattern.Length == 0)
        {
            return;
        }

        var state = 0;
        foreach (var c in pattern)
        {
            var existing = state == 0 ? _root[c] : _next.GetValueOrDefault(Key(state, c));
            if (existing == 0)
            {
                existing = _fail.Count;
                _fail.Add(0);
                _outputLink.Add(-1);
                _outputs.Add([]);
                _depth.Add(_depth[state] + 1);
                if (state == 0)
                {
                    _root[c] = existing;
                }
                else
                {
                    _next[Key(state, c)] = existing;
                }
            }

            state = existing;
        }

        _outputs[state] = [.. _outputs[state], id];
    }

    private void LinkFailures()
    {
        var children = new List<(int Parent, char C, int Child)>[_fail.Count];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = [];
        }

        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (_root[c] != 0)
            {
                children[0].Add((0, (char)c, _root[c]));
            }
        }

        foreach (var (key, child) in _next)
        {
            children[(int)(key >> 16)].Add(((int)(key >> 16), (char)(key & 0xFFFF), child));
        }

        // Breadth first, so every node's failure target is finished before the node itself.
        var queue = new Queue<int>(children[0].Select(x => x.Child));
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (_, c, child) in children[node])
            {
                var f = _fail[node];
                while (f != 0 && !_next.ContainsKey(Key(f, c)))
                {
                    f = _fail[f];
                }

                var target = f == 0 ? _root[c] : _next[Key(f, c)];
                _fail[child] = target == child ? 0 : target;
                _outputLink[child] = _outputs[_fail[child]].Length > 0 ? _fail[child] : _outputLink[_fail[child]];
                queue.Enqueue(child);
            }
        }
    }
}
