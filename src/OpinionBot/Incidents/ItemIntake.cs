using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Matching;
using OpinionBot.Sources;
using OpinionBot.Storage;

namespace OpinionBot.Incidents;

/// <summary>
/// Takes what a source listed and turns new matching items into incidents. Remembering an item and opening its
/// incident (with its card in the outbox) is one transaction, so a crash cannot lose or double an alert.
/// </summary>
public sealed class ItemIntake(
    OpinionDatabase db,
    TopicMatcher matcher,
    IncidentService incidents,
    TimeProvider time,
    IOptionsMonitor<MonitoringOptions> options)
{
    /// <summary>Processes the items; returns how many incidents were opened.</summary>
    public int Take(SourceDefinition source, IReadOnlyList<SourceItem> items)
    {
        var polledKey = $"source-polled:{source.Name}";
        var firstPoll = db.GetValue(polledKey) == 0;
        var now = time.GetUtcNow();
        var oldest = now - options.CurrentValue.InitialLookback;
        var opened = 0;

        // Oldest first, so incident numbers follow publication order.
        foreach (var item in items.OrderBy(i => i.Published ?? DateTimeOffset.MaxValue))
        {
            opened += db.Write(() =>
            {
                if (db.SeenItems.FindById(item.Url) is not null)
                {
                    return 0;
                }

                db.SeenItems.Insert(new SeenItem { Id = item.Url, SourceName = source.Name, FirstSeen = now });
                if (firstPoll && item.Published < oldest)
                {
                    return 0; // old news when a source is first added: remembered, not alerted
                }

                var matches = matcher.Match(item);
                if (matches.Count == 0)
                {
                    return 0;
                }

                incidents.Open(new NewAppearance(item, source.Name, matches, now) { Department = DepartmentFor(matches) });
                return 1;
            });
        }

        if (firstPoll)
        {
            db.Write(() => db.SetValue(polledKey, 1));
        }

        return opened;
    }

    /// <summary>谁主管、谁负责: the first matched topic that names a department decides where the card goes.</summary>
    private string? DepartmentFor(IReadOnlyList<TopicMatch> matches) =>
        matches.Select(m => options.CurrentValue.Topics.FirstOrDefault(t => t.Name == m.Topic)?.Department)
            .FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
}
