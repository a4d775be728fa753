namespace OpinionBot.Hosting;

/// <summary>
/// Gives memory back to the system when the worker falls quiet. The .NET GC only runs when something allocates, so after
/// a burst of work (start-up, a round of checks, a report) an idle worker keeps that burst's garbage and its allocation
/// budget committed until the next burst. Every few seconds this reads how much the process has allocated and asks
/// <see cref="TrimPolicy"/> whether a burst has just been followed by a quiet interval; if so it runs one aggressive full
/// collection, which compacts the heap and decommits the free space. A busy worker (1,000 sources every minute) is never
/// quiet, so it is trimmed when its heap has grown well past what the last trim left (at most every 10 s): background
/// collections do not move objects, and a steady flow of new items otherwise grew its heap to twice what it held
/// (bench/README.md, steady phase). It watches the process rather than the bot's clock, so it ticks on real time even
/// in tests with a fake clock.
/// </summary>
public sealed class IdleMemoryTrim : BackgroundService
{
    /// <summary>How often the allocation counter is read.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    // Process-wide: several hosts in one process (the end-to-end tests) share one heap, so they share one policy.
    private static readonly TrimPolicy Shared = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (Shared.ShouldTrim(GC.GetTotalAllocatedBytes(), Environment.TickCount64, GC.GetGCMemoryInfo().HeapSizeBytes))
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    Shared.Trimmed(GC.GetGCMemoryInfo().HeapSizeBytes);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}

/// <summary>
/// When to trim, at least <see cref="Burst"/> having been allocated since the last trim (there is something to give
/// back): when the last tick allocated less than <see cref="Quiet"/> (nothing is going on) and the last trim is at least
/// <see cref="Spacing"/> old; or, busy, when the heap after the last collection holds at least <see cref="Growth"/> more
/// than the last trim left and that trim is at least <see cref="BusySpacing"/> old.
/// </summary>
public sealed class TrimPolicy
{
    /// <summary>Allocated in one tick, below which the process counts as quiet.</summary>
    public const long Quiet = 1L << 20;

    /// <summary>Allocated since the last trim, from which a trim is worth its pause.</summary>
    public const long Burst = 8L << 20;

    /// <summary>Heap growth past what the last trim left, from which a busy worker is trimmed too.</summary>
    public const long Growth = 12L << 20;

    /// <summary>The least time between two trims of a quiet worker.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMinutes(1);

    /// <summary>The least time between two trims of a busy worker: each is a blocking collection of the whole heap.</summary>
    public static readonly TimeSpan BusySpacing = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private long _lastSeen = -1;
    private long _lastTrimAllocated;
    private long? _lastTrimAt;
    private long? _heapAfterTrim;

    /// <summary>
    /// Whether to trim now, given the bytes the process has allocated so far, a monotonic time in milliseconds and the
    /// heap's size after the last collection. Records the reading, and the trim when the answer is yes.
    /// </summary>
    public bool ShouldTrim(long allocated, long nowMs, long heap = 0)
    {
        lock (_gate)
        {
            var quiet = _lastSeen >= 0 && allocated - _lastSeen < Quiet;
            _lastSeen = allocated;
            // The first reading sets the floor a busy worker's heap is measured from, until a trim sets it.
            _heapAfterTrim ??= heap;
            var since = _lastTrimAt is { } last ? nowMs - last : long.MaxValue;
            // A worker that is never quiet (a steady flow of new items) never got its heap compacted: background
            // collections sweep but do not move objects, and the free space left in the oldest generation grew its heap
            // by about a megabyte a second (bench/README.md, steady phase).
            var grown = heap - _heapAfterTrim >= Growth && since >= (long)BusySpacing.TotalMilliseconds;
            var due = allocated - _lastTrimAllocated >= Burst
                && ((quiet && since >= (long)Spacing.TotalMilliseconds) || grown);
            if (due)
            {
                _lastTrimAllocated = allocated;
                _lastTrimAt = nowMs;
            }

            return due;
        }
    }

    /// <summary>What the trim left: the floor the next busy trim is measured from.</summary>
    public void Trimmed(long heapAfter)
    {
        lock (_gate)
        {
            _heapAfterTrim = heapAfter;
        }
    }
}
