namespace OpinionBot.LoadRun;

/// <summary>Samples this process's resident memory every 100 ms and keeps the peak since the last reset.</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public RssSampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

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

    private void Sample()
    {
        var now = Current();
        long peak;
        while (now > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }
}
