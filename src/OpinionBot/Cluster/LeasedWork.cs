namespace OpinionBot.Cluster;

/// <summary>
/// Runs a hosted service only while this node holds its lease: started when the lease is taken, stopped when it is
/// lost (before it can expire, see <see cref="PostgresLeases"/>) and started again if it comes back. A service made
/// afresh for each term starts from what is stored, as after a restart.
/// </summary>
public sealed class LeasedWork(ILeases leases, string lease, Func<IHostedService> start, bool fresh, ILogger<LeasedWork> logger) : BackgroundService
{
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(3);

    public string Lease => lease;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken held;
            try
            {
                held = await leases.AcquireAsync(lease, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var work = start();
            var name = work.GetType().Name;
            logger.LogInformation("Lease {Lease} held: {Work} runs on this node", lease, name);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(held, stoppingToken);
            try
            {
                await work.StartAsync(either.Token);
                await Task.Delay(Timeout.Infinite, either.Token);
            }
            catch (OperationCanceledException)
            {
                // The lease ended or the node is stopping.
            }
            finally
            {
                await StopWorkAsync(work, name);
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Lease {Lease} lost: {Work} stopped on this node", lease, name);
            }
        }
    }

    private async Task StopWorkAsync(IHostedService work, string name)
    {
        using var within = new CancellationTokenSource(StopWithin);
        try
        {
            await work.StopAsync(within.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "{Work} did not stop cleanly", name);
        }
        finally
        {
            if (fresh)
            {
                (work as IDisposable)?.Dispose();
            }
        }
    }
}
