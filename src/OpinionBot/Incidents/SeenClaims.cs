namespace OpinionBot.Incidents;

/// <summary>
/// The URLs checks are taking in, from before their lookup of seen items until their write has ended. A check looks its
/// list up once, outside the storage lock, and judges what was not seen; its write then has to look again only if
/// another check of this process had one of those URLs in hand at the same time (two sources listing one thread): the
/// other's write may have stored it since. Claimed before the lookup, so a write that ended before the claim is seen by
/// the lookup, and any two checks whose claims overlap both look again inside their transactions. URLs compare as
/// stored ids compare: ignoring case.
/// </summary>
internal sealed class SeenClaims
{
    private readonly Dictionary<string, Claim> _claims = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Claims <paramref name="urls"/> for one check; dispose the result once its write has committed or failed.</summary>
    public Held Take(IEnumerable<string> urls)
    {
        var held = new List<Claim>();
        lock (_claims)
        {
            foreach (var url in urls)
            {
                if (!_claims.TryGetValue(url, out var claim))
                {
                    _claims[url] = claim = new Claim(url);
                }
                else if (held.Contains(claim))
                {
                    continue; // listed twice by the same check
                }
                else
                {
                    claim.Contended = true;
                }

                claim.Holders++;
                held.Add(claim);
            }
        }

        return new Held(this, held);
    }

    /// <summary>URLs claimed now (for tests).</summary>
    internal int Count
    {
        get
        {
            lock (_claims)
            {
                return _claims.Count;
            }
        }
    }

    private void Release(List<Claim> held)
    {
        lock (_claims)
        {
            foreach (var claim in held)
            {
                if (--claim.Holders == 0)
                {
                    _claims.Remove(claim.Url);
                }
            }
        }
    }

    private bool AnyContended(List<Claim> held)
    {
        lock (_claims)
        {
            return held.Exists(c => c.Contended);
        }
    }

    internal sealed class Claim(string url)
    {
        public string Url { get; } = url;
        public int Holders { get; set; }

        /// <summary>Another check claimed the URL while this claim was held; stays set until every holder has released it.</summary>
        public bool Contended { get; set; }
    }

    /// <summary>One check's claims.</summary>
    public sealed class Held(SeenClaims owner, List<Claim> held) : IDisposable
    {
        private int _released;

        /// <summary>Another check had one of these URLs in hand meanwhile: the write must look them up again.</summary>
        public bool Contended => owner.AnyContended(held);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(held);
            }
        }
    }
}
