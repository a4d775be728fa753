using Microsoft.Extensions.Options;
using OpinionBot.Storage;

namespace OpinionBot.Sources;

/// <summary>
/// Keeps each source's health and says when to tell the supervisors: once when it starts failing (after
/// <see cref="FetchingOptions.FailureThreshold"/> failures in a row) or its selectors stop finding items, once when it
/// recovers. Nothing in between, so a dead site does not flood the chat.
/// </summary>
public sealed class SourceHealthTracker(OpinionDatabase database, IOptions<FetchingOptions> options, TimeProvider time)
{
    public SourceHealth Get(string source) => database.Read(s => s.SourceHealth.Find(source)) ?? new SourceHealth { Source = source };

    /// <summary>Stores the outcome of a read and returns the one change to announce, if any.</summary>
    public HealthChange? Record(string source, ReadOutcome outcome) => database.Write(s =>
    {
        var now = time.GetUtcNow();
        var health = Get(source);
        health.LastCheck = now;
        var change = outcome.Succeeded ? Succeeded(health, outcome, now) : Failed(health, outcome.Error ?? "", now);
        s.SourceHealth.Save(health);
        return change;
    });

    private HealthChange? Failed(SourceHealth health, string error, DateTimeOffset now)
    {
        health.ConsecutiveFailures++;
        health.LastError = error;
        if (health.Announced != HealthState.Failing && health.ConsecutiveFailures == 1)
        {
            health.ProblemSince = now;
        }

        if (health.Announced == HealthState.Healthy && health.ConsecutiveFailures >= Math.Max(1, options.Value.FailureThreshold))
        {
            health.Announced = HealthState.Failing;
            return new HealthChange(health.Source, HealthChangeKind.NowFailing, error, health.ProblemSince ?? now, now);
        }

        return null;
    }

    private static HealthChange? Succeeded(SourceHealth health, ReadOutcome outcome, DateTimeOffset now)
    {
        health.ConsecutiveFailures = 0;
        health.LastSuccess = now;
        var since = health.ProblemSince ?? now;

        // 304: the site answers and the page is as it was; an announced redesign is still there.
        if (outcome.NotModified && health.Announced == HealthState.Redesigned)
        {
            return null;
        }

        if (outcome.SelectorsFoundNothing)
        {
            health.LastItemCount = 0;
            if (health.Announced == HealthState.Healthy && health.EverFoundItems)
            {
                health.Announced = HealthState.Redesigned;
                health.ProblemSince = now;
                health.LastError = null;
                return new HealthChange(health.Source, HealthChangeKind.Redesign, null, now, now);
            }

            // Still empty after a failure notice: the site answers again, but the redesign is the news now.
            if (health.Announced == HealthState.Failing && health.EverFoundItems)
            {
                health.Announced = HealthState.Redesigned;
                health.ProblemSince = now;
                return new HealthChange(health.Source, HealthChangeKind.Redesign, null, now, now);
            }

            return null;
        }

        if (outcome.ItemCount > 0)
        {
            health.EverFoundItems = true;
            health.LastItemCount = outcome.ItemCount;
        }

        var wasAnnounced = health.Announced;
        health.Announced = HealthState.Healthy;
        health.ProblemSince = null;
        return wasAnnounced == HealthState.Healthy
            ? null
            : new HealthChange(health.Source, HealthChangeKind.Recovered, health.LastError, since, now);
    }
}
