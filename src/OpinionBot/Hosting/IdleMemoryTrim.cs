namespace OpinionBot.Hosting;

/// <summary>
/// Gives memory back to the system when the worker falls quiet. The .NET GC only runs when something allocates, so after
/// a burst of work (start-up, a round of checks, a report) an idle worker keeps that burst's garbage and its allocation
/// budget committed until the next burst. Every few seconds this reads how much the process has allocated and asks
/// <see cref="TrimPolicy"/> whether a burst has just been followed by a quiet interval; if so it runs one aggressive full
/// collection, which compacts the heap and decommits the free space. A busy worker (1,000 sources every minute) is never
/// quiet, so it is trimmed only when the last collection left its heap at least half free space (at most once a minute:
/// a steady flow of new items otherwise grew it to twice what it held, bench/README.md, steady phase). It watches the process rather than the bot's clock, so it ticks on real time even
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
                var heap = GC.GetGCMemoryInfo();
                if (Shared.ShouldTrim(GC.GetTotalAllocatedBytes(), Environment.TickCount64, heap.FragmentedBytes, heap.HeapSizeBytes))
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
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
/// When to trim: the last tick allocated less than <see cref="Quiet"/> (nothing is going on) or the heap is mostly free
/// space (<see cref="Fragmented"/>), at least
/// <see cref="Burst"/> was allocated since the last trim (there is something to give back), and the last trim is at
/// least <see cref="Spacing"/> old.
/// </summary>
public sealed class TrimPolicy
{
    /// <summary>Allocated in one tick, below which the process counts as quiet.</summary>
    public const long Quiet = 1L << 20;

    /// <summary>Allocated since the last trim, from which a trim is worth its pause.</summary>
    public const long Burst = 8L << 20;

    /// <summary>Free space inside the heap (after the last collection) from which a busy worker is trimmed too, when it is half the heap or more.</summary>
    public const long Fragmented = 48L << 20;

    /// <summary>The least time between two trims.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private long _lastSeen = -1;
    private long _lastTrimAllocated;
    private long? _lastTrimAt;

    /// <summary>
    /// Whether to trim now, given the bytes the process has allocated so far and a monotonic time in milliseconds.
    /// Records the reading, and the trim when the answer is yes.
    /// </summary>
    public bool ShouldTrim(long allocated, long nowMs, long fragmented = 0, long heap = 0)
    {
        lock (_gate)
        {
            var quiet = _lastSeen >= 0 && allocated - _lastSeen < Quiet;
            _lastSeen = allocated;
            // A worker that is never quiet (a steady flow of new items) never got its heap compacted: background
            // collections do not move objects, and its free space grew to half the heap (bench/README.md, steady phase).
            var fragmentedHeap = fragmented >= Fragmented && fragmented * 2 >= heap;
            var due = (quiet || fragmentedHeap)
                && allocated - _lastTrimAllocated >= Burst
                && (_lastTrimAt is not { } last || nowMs - last >= (long)Spacing.TotalMilliseconds);
            if (due)
            {
                _lastTrimAllocated = allocated;
                _lastTrimAt = nowMs;
            }

            return due;
        }
    }
}
