using System.Collections.Concurrent;

namespace OpinionBot.Sources;

/// <summary>Politeness per host: at most N requests at once and a minimum gap between the starts of two requests.</summary>
internal sealed class HostThrottle(int maxConcurrent, TimeSpan minInterval, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(string host, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(host, _ => new Gate(Math.Max(1, maxConcurrent)));
        await gate.Slots.WaitAsync(cancellationToken);
        try
        {
            TimeSpan wait;
            lock (gate)
            {
                var now = time.GetUtcNow();
                var start = gate.NextStart > now ? gate.NextStart : now;
                gate.NextStart = start + minInterval;
                wait = start - now;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            return new Release(gate.Slots);
        }
        catch
        {
            gate.Slots.Release();
            throw;
        }
    }

    private sealed class Gate(int slots)
    {
        public SemaphoreSlim Slots { get; } = new(slots, slots);
        public DateTimeOffset NextStart { get; set; }
    }

    private sealed class Release(SemaphoreSlim slots) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
