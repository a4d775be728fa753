using OpinionBot.Reports;
using OpinionBot.Sources;

namespace OpinionBot.Scheduling;

/// <summary>
/// Runs evidence capture (<see cref="EvidenceBackup"/>) in the background: a check that opened incidents asks for a
/// pass and goes on at once, so saving pages never delays the next check. Requests that come during a pass are served
/// by one more pass; the backup itself bounds how many pages it fetches at once.
/// </summary>
public sealed class EvidencePass(EvidenceBackup evidence, ILogger<EvidencePass> logger) : BackgroundService
{
    // What the sources listed for the incidents just opened, kept for a page that cannot be fetched; bounded.
    private const int MaxListed = 2000;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private List<SourceItem> _listed = [];

    /// <summary>
    /// Keeps what a source listed, for a page that cannot be fetched. Called before the check's write commits: a pass
    /// that already sees the incidents then also has their items. Kept, not handed over, so a pass that ran before the
    /// commit does not take them away from the one after it.
    /// </summary>
    public void Remember(IReadOnlyList<SourceItem> listed)
    {
        lock (_gate)
        {
            _listed.AddRange(listed);
            if (_listed.Count > MaxListed)
            {
                _listed.RemoveRange(0, _listed.Count - MaxListed);
            }
        }
    }

    /// <summary>Asks for a pass (after the write that opened or joined incidents has committed).</summary>
    public void Request()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass picks up incidents a stop left without evidence.
        Request();
        try
        {
            while (true)
            {
                await _wake.WaitAsync(stoppingToken);
                try
                {
                    // Read after the pass has read the incidents (see CaptureNewAsync): a snapshot taken before could miss
                    // the items of an incident committed in between, and its missing page would keep only the title.
                    await evidence.CaptureNewAsync(Listed, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Evidence backup failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the stored cursor makes the next start capture what this pass did not reach.
        }
    }

    private List<SourceItem> Listed()
    {
        lock (_gate)
        {
            return [.. _listed];
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
