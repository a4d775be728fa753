using Microsoft.Extensions.Options;
using OpinionBot.Matching;
using OpinionBot.Storage;

namespace OpinionBot.Incidents;

/// <summary>
/// Keeps the in-memory story index and the focused-monitoring watches in step with what is stored: rebuilt at start
/// from the appearances still inside the story window, tidied on every upkeep tick.
/// </summary>
public sealed class StoryMemory(
    OpinionDatabase db,
    StoryIndex stories,
    FocusedMonitoring focused,
    TimeProvider time,
    IOptions<MatchingOptions> matching,
    ILogger<StoryMemory> logger) : IHostedService
{
    // A closed story is forgotten; every other incident may still gather appearances.
    private static readonly IncidentStatus[] Unclosed = [.. Enum.GetValues<IncidentStatus>().Where(s => s != IncidentStatus.Closed)];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - matching.Value.StoryWindow;
        var count = 0;
        foreach (var incident in db.Read(s => s.Incidents.WithStatus(Unclosed)))
        {
            foreach (var appearance in incident.Appearances.Where(a => a.Discovered >= since && a.Fingerprint is not null))
            {
                stories.Add(incident.Id, StoryFingerprint.Parse(appearance.Fingerprint), appearance.Discovered);
                count++;
            }
        }

        focused.Refresh();
        logger.LogInformation("Story index rebuilt from {Count} recent appearances", count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Drops stories past their window and expired watches.</summary>
    public void Tidy()
    {
        stories.Prune(time.GetUtcNow());
        focused.Refresh();
    }
}
