namespace OpinionBot.LoadRun;

/// <summary>
/// Samples this process's resident memory every 100 ms and keeps the peak since the last reset; with a timeline file,
/// appends a line a second: RSS, the GC's committed and heap sizes, free space, each generation's size after the last
/// collection, allocated so far, collection counts and total pause (all MB and ms), to see what a peak coincides with.
/// </summary>
internal sealed class RssSampler : IDisposable
{
    private readonly Timer _timer;
    private readonly string? _timeline;
    private long _peak;

    public RssSampler(string? timeline = null)
    {
        _timeline = timeline;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public long Peak => Interlocked.Read(ref _peak);

    public void Reset() => Interlocked.Exchange(ref _peak, Current());

    /// <summary>Resident set size now, from /proc (Linux), else the working set.</summary>
    public static long Current()
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (IOException)
        {
            return Environment.WorkingSet;
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>Where the resident memory is (Linux): the largest mappings by RSS, anonymous ones summed.</summary>
    public static void PrintTopMappings()
    {
        var sizes = new Dictionary<string, long>();
        string current = "";
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 5 && parts[0].Contains('-', StringComparison.Ordinal) && !line.StartsWith("Rss", StringComparison.Ordinal))
            {
                current = parts.Length >= 6 ? Path.GetFileName(parts[5]) : "[anon]";
            }
            else if (parts.Length >= 2 && parts[0] == "Rss:")
            {
                sizes[current] = sizes.GetValueOrDefault(current) + long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        foreach (var (name, kb) in sizes.OrderByDescending(x => x.Value).Take(15))
        {
            Console.WriteLine($"  {kb / 1024,6} MB  {name}");
        }
    }

    private int _ticks;

    private void Sample()
    {
        var now = Current();
        if (_timeline is not null && ++_ticks % 10 == 0)
        {
            var gc = GC.GetGCMemoryInfo();
            var g = gc.GenerationInfo;
            File.AppendAllText(_timeline, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:HH:mm:ss.f},{now >> 20},{gc.TotalCommittedBytes >> 20},{gc.HeapSizeBytes >> 20},{gc.FragmentedBytes >> 20},{g[0].SizeAfterBytes >> 20},{g[1].SizeAfterBytes >> 20},{g[2].SizeAfterBytes >> 20},{g[3].SizeAfterBytes >> 20},{g[4].SizeAfterBytes >> 20},{GC.GetTotalAllocatedBytes() >> 20},{GC.CollectionCount(0)},{GC.CollectionCount(1)},{GC.CollectionCount(2)},{gc.Generation},{gc.Compacted},{GC.GetTotalPauseDuration().TotalMilliseconds:0}\n"));
        }

        long peak;
        while (now > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }
}
