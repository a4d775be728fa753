using System.Buffers.Binary;

namespace OpinionBot.Matching;

/// <summary>
/// MinHash signature of an item's normalised title and text over shingles of two tokens (a token is one Chinese
/// character or one Latin word). The share of equal slots estimates the Jaccard similarity of two items' shingle sets,
/// which stays high for reposts and light edits and low for different stories on the same topic.
/// Stored as a short Base64 string (<see cref="ToString"/> / <see cref="Parse"/>).
/// </summary>
public sealed class StoryFingerprint
{
    public const int Size = 64;
    private const int ShingleTokens = 2;
    private static readonly ulong[] Seeds = CreateSeeds();

    private readonly uint[] _slots;

    private StoryFingerprint(uint[] slots) => _slots = slots;

    /// <summary>True when the item had no text to fingerprint; an empty fingerprint matches nothing.</summary>
    public bool IsEmpty => _slots.Length == 0;

    public static StoryFingerprint Of(string? title, string? text)
    {
        var shingles = Shingles(TextNormalizer.Normalize(title).Text + " " + TextNormalizer.Normalize(text).Text);
        if (shingles.Count == 0)
        {
            return new StoryFingerprint([]);
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

        return new StoryFingerprint(slots);
    }

    /// <summary>Estimated Jaccard similarity, 0..1; 0 when either is empty.</summary>
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

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Reads a stored fingerprint; anything unreadable becomes an empty fingerprint rather than an error.</summary>
    public static StoryFingerprint Parse(string? stored)
    {
        var bytes = new byte[Size * 4];
        if (string.IsNullOrEmpty(stored) || !Convert.TryFromBase64String(stored, bytes, out var written) || written != bytes.Length)
        {
            return new StoryFingerprint([]);
        }

        var slots = new uint[Size];
        for (var i = 0; i < Size; i++)
        {
            slots[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4));
        }

        return new StoryFingerprint(slots);
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
