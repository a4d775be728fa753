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

    private void Sample()
    {
        var now = Current();
        long peak;
        while (now > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }
}
