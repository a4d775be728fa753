namespace OpinionBot.Sources;

/// <summary>
/// Turns at the processor for the CPU-heavy part of the checks: parsing a fetched page, judging its new items and
/// writing them. Many checks may wait on their hosts at once (fetching is I/O), but only as many as there are cores
/// hold a turn. With every check slot parsing and judging at once (a cold round: 32 checks on 2 cores), the threads
/// queued on the storage lock, its holder was preempted by the others, and the sender's writes, the next fetches'
/// completions and a 重大 card waited seconds behind them. Background work (evidence capture) takes its turns only
/// when no check is waiting for one (<see cref="TakeBackgroundAsync"/>).
/// </summary>
public sealed class CpuTurns : IDisposable
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _finishing = new();
    private readonly LinkedList<Waiter> _checks = new();
    private readonly LinkedList<Waiter> _background = new();
    private int _free = Math.Max(1, Environment.ProcessorCount);
    private int _shortWrites;

    /// <summary>Waits for a turn; dispose the result to give it back.</summary>
    public Task<Turn> TakeAsync(CancellationToken cancellationToken) => TakeAsync(_checks, cancellationToken);

    /// <summary>
    /// Waits for a turn ahead of the checks still to parse: a check that has parsed its page judges and writes it next, so
    /// its items (a 重大 card among them) reach the chat without queueing behind every page fetched after it.
    /// </summary>
    public Task<Turn> TakeToFinishAsync(CancellationToken cancellationToken) => TakeAsync(_finishing, cancellationToken);

    /// <summary>
    /// Waits for a turn that no check is waiting for: a turn given back goes to a waiting check first. Background work
    /// takes one around its CPU-heavy steps, or takes and gives one back at once to let the queued checks go first.
    /// </summary>
    public Task<Turn> TakeBackgroundAsync(CancellationToken cancellationToken) => TakeAsync(_background, cancellationToken);

    /// <summary>
    /// A check's short write that takes no turn (an unchanged page's health or validators): background work waits for it
    /// too, so a round of unchanged pages is not slowed by evidence writes. Dispose the result when written.
    /// </summary>
    public IDisposable ShortWrite()
    {
        lock (_gate)
        {
            _shortWrites++;
        }

        return new ShortWriteDone(this);
    }

    private void ShortWriteEnded()
    {
        var next = new List<Waiter>();
        lock (_gate)
        {
            if (--_shortWrites == 0)
            {
                while (_free > 0 && ChecksWaiting == 0 && _background.First is { } first)
                {
                    _background.RemoveFirst();
                    _free--;
                    next.Add(first.Value);
                }
            }
        }

        foreach (var waiter in next)
        {
            waiter.Registration.Dispose();
            waiter.Task.TrySetResult(new Turn(this));
        }
    }

    private Task<Turn> TakeAsync(LinkedList<Waiter> queue, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_gate)
        {
            if (_free > 0 && ChecksWaiting == 0 && (queue != _background || (_background.Count == 0 && _shortWrites == 0)))
            {
                _free--;
                return Task.FromResult(new Turn(this));
            }

            waiter = new Waiter();
            var node = queue.AddLast(waiter);
            waiter.Registration = cancellationToken.Register(() =>
            {
                lock (_gate)
                {
                    if (node.List is null)
                    {
                        return; // already given its turn
                    }

                    queue.Remove(node);
                }

                waiter.Task.TrySetCanceled(cancellationToken);
            });
        }

        return waiter.Task.Task;
    }

    private void GiveBack()
    {
        Waiter? next;
        lock (_gate)
        {
            var queue = _finishing.Count > 0 ? _finishing : _checks.Count > 0 || _shortWrites > 0 ? _checks : _background;
            next = queue.First?.Value;
            if (next is null)
            {
                _free++;
                return;
            }

            queue.RemoveFirst();
        }

        next.Registration.Dispose();
        next.Task.TrySetResult(new Turn(this));
    }

    private int ChecksWaiting => _finishing.Count + _checks.Count;

    public void Dispose()
    {
        // Nothing to free: waiters end with their cancellation tokens.
    }

    private sealed class ShortWriteDone(CpuTurns turns) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                turns.ShortWriteEnded();
            }
        }
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<Turn> Task { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration { get; set; }
    }

    /// <summary>A turn held; disposing it gives it back (once).</summary>
    public sealed class Turn : IDisposable
    {
        private readonly CpuTurns _turns;
        private int _released;

        internal Turn(CpuTurns turns) => _turns = turns;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _turns.GiveBack();
            }
        }
    }
}
