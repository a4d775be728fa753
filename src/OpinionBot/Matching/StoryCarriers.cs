using System.Numerics;

namespace OpinionBot.Matching;

/// <summary>
/// For each MinHash slot value and term, the different stories (incidents) that carry it, up to a cap: what
/// <see cref="StoryIndex"/> counts to tell template text from a story's own. The index holds some 70 values an
/// appearance and most are carried by one story only, so the table is built for that case: two plain arrays, the key
/// and a small number standing for the story (open addressing, 12 bytes a row, at most three quarters full); the few
/// values carried by more keep their list in a dictionary of their own, and their row says so. A
/// <c>Dictionary&lt;ulong, long&gt;</c> took 28 bytes a row and grew by doubling on top of that, some 2 KB an appearance:
/// the steady load run's largest live growth (bench/README.md).
/// </summary>
internal sealed class StoryCarriers
{
    private const int Empty = 0;
    private const int Shared = -1; // the row's key is in _shared
    private const int InitialRows = 1024;

    private ulong[] _keys = new ulong[InitialRows];
    private int[] _stories = new int[InitialRows];
    private int _used;
    private int _shift = 64 - BitOperations.Log2(InitialRows); // 64 - log2(rows)
    private readonly Dictionary<ulong, int[]> _shared = [];

    // Stories are numbered from 1 while they are in the table, so a row holds an int and 0 means an empty row.
    private readonly Dictionary<long, int> _numbers = [];

    /// <summary>The bytes the table's rows take (the shared lists and story numbers aside).</summary>
    public long RowBytes => _keys.Length * (sizeof(ulong) + sizeof(int));

    /// <summary>How many different stories carry the value (at most the cap it was noted with).</summary>
    public int Count(ulong key)
    {
        var story = _stories[Find(key)];
        return story switch
        {
            Empty => 0,
            Shared => _shared[key].Length,
            _ => 1,
        };
    }

    /// <summary>Notes that <paramref name="incidentId"/> carries the value; stops counting at <paramref name="enough"/>.</summary>
    public void Note(ulong key, long incidentId, int enough)
    {
        var story = Number(incidentId);
        var row = Find(key);
        var first = _stories[row];
        if (first == Empty)
        {
            _keys[row] = key;
            _stories[row] = story;
            if (++_used > _keys.Length / 4 * 3)
            {
                Grow();
            }

            return;
        }

        if (first == Shared)
        {
            var carriers = _shared[key];
            if (carriers.Length < enough && Array.IndexOf(carriers, story) < 0)
            {
                Array.Resize(ref carriers, carriers.Length + 1); // a dozen at most, and rare: exact size beats spare room
                carriers[^1] = story;
                _shared[key] = carriers;
            }

            return;
        }

        if (first != story && enough > 1)
        {
            _shared[key] = [first, story];
            _stories[row] = Shared;
        }
    }

    /// <summary>Forgets every value; the rows' room is kept for the recount that follows.</summary>
    public void Clear()
    {
        Array.Clear(_keys);
        Array.Clear(_stories);
        _used = 0;
        _shared.Clear();
        _numbers.Clear();
    }

    private int Number(long incidentId)
    {
        if (!_numbers.TryGetValue(incidentId, out var number))
        {
            number = _numbers.Count + 1;
            _numbers.Add(incidentId, number);
        }

        return number;
    }

    /// <summary>
    /// The key's row, or the empty row where it would go. Terms keep their kind in the low byte and slot keys their slot
    /// in the high word, so the key is mixed (Fibonacci hashing) and the row taken from the top bits.
    /// </summary>
    private int Find(ulong key)
    {
        var mask = _keys.Length - 1;
        var row = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
        while (_stories[row] != Empty && _keys[row] != key)
        {
            row = (row + 1) & mask;
        }

        return row;
    }

    private void Grow()
    {
        var keys = _keys;
        var stories = _stories;
        _keys = new ulong[keys.Length * 2];
        _stories = new int[keys.Length * 2];
        _shift--;
        for (var i = 0; i < keys.Length; i++)
        {
            if (stories[i] != Empty)
            {
                var row = Find(keys[i]);
                _keys[row] = keys[i];
                _stories[row] = stories[i];
            }
        }
    }
}
