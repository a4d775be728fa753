using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpinionBot.Sources;

namespace OpinionBot.Scheduling;

/// <summary>
/// Where due checks wait for their turn, one lane per host: a lane runs at most
/// <see cref="FetchingOptions.MaxConcurrencyPerHost"/> checks at once, and all lanes together at most
/// <see cref="SchedulingOptions.MaxConcurrentChecks"/>. Waiting for a slow or rate-limited host only holds that host's
/// lane, never a scheduler thread or another host's checks. A source is never checked twice at once; a firing that
/// comes while the source's check is still waiting is served by that check (and counted, see <see cref="CheckTimeliness"/>).
/// </summary>
public sealed class CheckLanes : IHostedService, IDisposable
{
    private readonly Func<string, CancellationToken, Task> _check;
    private readonly CheckTimeliness _timeliness;
    private readonly SourceCatalog _catalog;
    private readonly int _perHost;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<string, Channel<string>> _lanes = new(StringComparer.OrdinalIgnoreCase);
    // Sources being checked, and those fired again meanwhile; both changed under one lock, so a firing that comes while
    // its source is checked is served by exactly one more check.
    private readonly HashSet<string> _running = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _again = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _turns = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _done = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<Task> _workers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly ILogger<CheckLanes> _logger;
    private int _waiting;
    private int _disposed;

    public CheckLanes(
        SourceCheck check,
        CheckTimeliness timeliness,
        SourceCatalog catalog,
        IOptions<FetchingOptions> fetching,
        IOptions<SchedulingOptions> scheduling,
        ILogger<CheckLanes> logger)
        : this(check.RunAsync, timeliness, catalog, fetching, scheduling, logger)
    {
    }

    /// <summary>Lanes that run <paramref name="check"/> for each source (tests pass their own).</summary>
    internal CheckLanes(
        Func<string, CancellationToken, Task> check,
        CheckTimeliness timeliness,
        SourceCatalog catalog,
        IOptions<FetchingOptions> fetching,
        IOptions<SchedulingOptions> scheduling,
        ILogger<CheckLanes> logger)
    {
        _check = check;
        _timeliness = timeliness;
        _catalog = catalog;
        _logger = logger;
        _perHost = Math.Max(1, fetching.Value.MaxConcurrencyPerHost);
        var slots = Math.Max(1, scheduling.Value.MaxConcurrentChecks);
        _slots = new SemaphoreSlim(slots, slots);
        KeepThreadsFor(slots);
    }

    /// <summary>
    /// A check's write waits for the storage lock on its thread-pool thread. With every slot busy in a cold round the
    /// pool's few starting threads were all waiting there, and the sender, the HTTP completions and the next fetches
    /// queued behind the pool's slow growth (one thread about every half second): a 重大 card took seconds. The pool
    /// starts with a thread for each slot and some to spare.
    /// </summary>
    private static void KeepThreadsFor(int slots)
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        var wanted = slots + (Environment.ProcessorCount * 2) + 8;
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, completions);
        }
    }

    /// <summary>Checks waiting for a lane or a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Hosts that have a lane.</summary>
    public int Lanes => _lanes.Count;

    /// <summary>
    /// Queues a check of <paramref name="source"/> (due at <paramref name="due"/>) on its host's lane. The task ends when
    /// the check that serves this firing has run (at once when none will); a single node does not wait for it, a
    /// cluster node does (see <see cref="SourceCheckJob"/>).
    /// </summary>
    public Task Enqueue(string source, string host, DateTimeOffset due, DateTimeOffset? next, TimeSpan period)
    {
        if (_stopping.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        if (!_timeliness.Fire(source, due, next, period))
        {
            return _done.TryGetValue(source, out var waiting) ? waiting.Task : Task.CompletedTask;
        }

        var done = _done.GetOrAdd(source, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        if (host.Length == 0)
        {
            host = _catalog.Find(source) is { } found ? HostOf(found) : "";
        }

        Interlocked.Increment(ref _waiting);
        _lanes.GetOrAdd(host, OpenLane).Writer.TryWrite(source);
        return done.Task;
    }

    /// <summary>The host a source is read from (for a search source, its URL template's host); "" when it has none.</summary>
    public static string HostOf(SourceDefinition source)
    {
        var url = source.Url.Replace("{keyword}", "k", StringComparison.Ordinal);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.IdnHost : "";
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Takes no new checks; lets the running ones finish while the host allows, then cancels them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_workers).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync();
        }
    }

    public void Dispose()
    {
        // The container disposes it twice (as itself and as a hosted service).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        _abort.Cancel();
        _stopping.Dispose();
        _abort.Dispose();
        _slots.Dispose();
    }

    private Channel<string> OpenLane(string host)
    {
        var lane = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = _perHost == 1 });
        for (var i = 0; i < _perHost; i++)
        {
            _workers.Add(Task.Run(() => WorkAsync(host, lane.Reader)));
        }

        return lane;
    }

    private async Task WorkAsync(string host, ChannelReader<string> lane)
    {
        try
        {
            while (await lane.WaitToReadAsync(_stopping.Token))
            {
                while (!_stopping.IsCancellationRequested && lane.TryRead(out var source))
                {
                    Interlocked.Decrement(ref _waiting);
                    await _slots.WaitAsync(_stopping.Token);
                    try
                    {
                        await RunAsync(source);
                    }
                    finally
                    {
                        _slots.Release();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: what still waits is checked at its next firing after the restart.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "The check lane for {Host} stopped", host);
        }
    }

    private async Task RunAsync(string source)
    {
        lock (_turns)
        {
            if (!_running.Add(source))
            {
                // Its previous check still runs on the lane's other worker: that one checks again when it ends.
                _again.Add(source);
                return;
            }
        }

        while (true)
        {
            try
            {
                _timeliness.Start(source);
                await _check(source, _abort.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Checking {Source} failed unexpectedly", source);
            }
            catch (OperationCanceledException)
            {
                lock (_turns)
                {
                    // Stopping (or a cancellation that escaped the check): the source must not stay marked as running.
                    _running.Remove(source);
                    _again.Remove(source);
                }

                throw;
            }
            finally
            {
                _timeliness.Finish();
            }

            lock (_turns)
            {
                if (!_again.Remove(source))
                {
                    _running.Remove(source);
                    if (_done.TryRemove(source, out var done))
                    {
                        done.TrySetResult();
                    }

                    return;
                }
            }
        }
    }
}
