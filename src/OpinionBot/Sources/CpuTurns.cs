namespace OpinionBot.Sources;

/// <summary>
/// Turns at the processor for the CPU-heavy part of the checks: parsing a fetched page, judging its new items and
/// writing them. Many checks may wait on their hosts at once (fetching is I/O), but only as many as there are cores
/// hold a turn. With every check slot parsing and judging at once (a cold round: 32 checks on 2 cores), the threads
/// queued on the storage lock, its holder was preempted by the others, and the sender's writes, the next fetches'
/// completions and a 重大 card waited seconds behind them.
/// </summary>
public sealed class CpuTurns : IDisposable
{
    private readonly SemaphoreSlim _turns = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>Waits for a turn; dispose the result to give it back.</summary>
    public async Task<Turn> TakeAsync(CancellationToken cancellationToken)
    {
        await _turns.WaitAsync(cancellationToken);
        return new Turn(_turns);
    }

    public void Dispose() => _turns.Dispose();

    /// <summary>A turn held; disposing it gives it back (once).</summary>
    public sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}
