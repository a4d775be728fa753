using System.Numerics;

namespace OpinionBot.Matching;

/// <summary>
/// For each MinHash slot value and term, the different stories (incidents) that carry it, up to a cap: what
/// <see cref="StoryIndex"/> counts to tell template text from a story's own. The index holds some 70 values an
/// appearance; most are carried by one story and most of the rest by two or three (a slot value is template at three),
/// so the table is built for that: plain arrays of the key and two small numbers standing for stories (open addressing,
/// 16 bytes a row, at most three quarters full), a third story marked in the row when the cap is three. Only values
/// counted further (terms, capped at twelve) keep a list, in a dictionary, and their row says so. A
/// <c>Dictionary&lt;ulong, long&gt;</c> with a list for every shared value took 28 bytes a row plus ~65 a shared value,
/// and a recount at the index's limit made all the lists again: the steady load run's largest live part
/// (bench/README.md). A key is always noted with the same cap.
/// </summary>
internal sealed class StoryCarriers
{
    private const int Empty = 0;
    private const int Listed = -1; // in _first: the key's stories are in _listed
    private const int Third = -2;  // in _second: a third story came, and the cap was three
    private const int InitialRows = 1024;

    private ulong[] _keys = new ulong[InitialRows];
    private int[] _first = new int[InitialRows];
    private int[] _second = new int[InitialRows];
    private int _used;
    private int _shift = 64 - BitOperations.Log2(InitialRows); // 64 - log2(rows)
    private readonly Dictionary<ulong, int[]> _listed = [];

    // Stories are numbered from 1 while they are in the table, so a row holds an int and 0 means none.
    private readonly Dictionary<long, int> _numbers = [];

    /// <summary>The bytes the table's rows take (the lists and story numbers aside).</summary>
    public long RowBytes => _keys.Length * (sizeof(ulong) + (2 * sizeof(int)));

    /// <summary>How many values keep a list of their stories (counted past three).</summary>
    public int Listings => _listed.Count;

    /// <summary>How many different stories carry the value (at most the cap it was noted with).</summary>
    public int Count(ulong key)
    {
        var row = Find(key);
        return _first[row] switch
        {
            Empty => 0,
            Listed => _listed[key].Length,
            _ => _second[row] switch
            {
                Empty => 1,
                Third => 3,
                _ => 2,
            },
        };
    }

    /// <summary>Notes that <paramref name="incidentId"/> carries the value; stops counting at <paramref name="enough"/>.</summary>
    public void Note(ulong key, long incidentId, int enough)
    {
        var story = Number(incidentId);
        var row = Find(key);
        var first = _first[row];
        var second = _second[row];
        if (first == Empty)
        {
            _keys[row] = key;
            _first[row] = story;
            if (++_used > _keys.Length / 4 * 3)
            {
                Grow();
            }
        }
        else if (first == Listed)
        {
            var stories = _listed[key];
            if (stories.Length < enough && Array.IndexOf(stories, story) < 0)
            {
                Array.Resize(ref stories, stories.Length + 1); // a dozen at most, and rare: exact size beats spare room
                stories[^1] = story;
                _listed[key] = stories;
            }
        }
        else if (first == story || second == story || second == Third || enough <= 1)
        {
            // known, or counted to its cap already
        }
        else if (second == Empty)
        {
            _second[row] = story;
        }
        else if (enough == 3)
        {
            _second[row] = Third;
        }
        else if (enough > 3)
        {
            _listed[key] = [first, second, story];
            _first[row] = Listed;
            _second[row] = Empty;
        }
    }

    /// <summary>Forgets every value; the rows' room is kept for the recount that follows.</summary>
    public void Clear()
    {
        Array.Clear(_keys);
        Array.Clear(_first);
        Array.Clear(_second);
        _used = 0;
        _listed.Clear();
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
        while (_first[row] != Empty && _keys[row] != key)
        {
            row = (row + 1) & mask;
        }

        return row;
    }

    private void Grow()
    {
        var keys = _keys;
        var first = _first;
        var second = _second;
        _keys = new ulong[keys.Length * 2];
        _first = new int[keys.Length * 2];
        _second = new int[keys.Length * 2];
        _shift--;
        for (var i = 0; i < keys.Length; i++)
        {
            if (first[i] != Empty)
            {
                var row = Find(keys[i]);
                _keys[row] = keys[i];
                _first[row] = first[i];
                _second[row] = second[i];
            }
        }
    }
}
