using System.Runtime.InteropServices;

namespace OpinionBot.Matching;

/// <summary>
/// For each MinHash slot value and term, the different stories (incidents) that carry it, up to a cap: what
/// <see cref="StoryIndex"/> counts to tell template text from a story's own. The index holds some 70 values an
/// appearance and most are carried by one story only, so those sit in a table of their own holding the key and the
/// incident and nothing more (28 bytes each); the few carried by more move to a second table with their list. One table
/// with room for several carriers in every row took 44 bytes a value, some 3 KB an appearance: the steady load run's
/// largest live growth (bench/README.md).
/// </summary>
internal sealed class StoryCarriers
{
    private readonly Dictionary<ulong, long> _single = [];
    private readonly Dictionary<ulong, long[]> _shared = [];

    /// <summary>How many different stories carry the value (at most the cap it was noted with).</summary>
    public int Count(ulong key) => _shared.TryGetValue(key, out var carriers) ? carriers.Length : _single.ContainsKey(key) ? 1 : 0;

    /// <summary>Notes that <paramref name="incidentId"/> carries the value; stops counting at <paramref name="enough"/>.</summary>
    public void Note(ulong key, long incidentId, int enough)
    {
        if (_shared.TryGetValue(key, out var carriers))
        {
            if (carriers.Length < enough && Array.IndexOf(carriers, incidentId) < 0)
            {
                Array.Resize(ref carriers, carriers.Length + 1); // a dozen at most, and rare: exact size beats spare room
                carriers[^1] = incidentId;
                _shared[key] = carriers;
            }

            return;
        }

        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(_single, key, out var known);
        if (!known)
        {
            first = incidentId;
            return;
        }

        if (first != incidentId && enough > 1)
        {
            _shared[key] = [first, incidentId];
            _single.Remove(key);
        }
    }

    public void Clear()
    {
        _single.Clear();
        _shared.Clear();
    }
}
