using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Matching;

/// <summary>首发: the earliest appearance by publish time (by discovery time when no site gave a publish time).</summary>
/// <param name="FromDiscovery">True when no appearance had a publish time, so <see cref="At"/> is a discovery time.</param>
public sealed record FirstPublisher(string Source, DateTimeOffset At, string Url, bool FromDiscovery);

/// <summary>传播情况 of one story.</summary>
/// <param name="Sources">The most distinct sources that carried it within any one window (the number grading uses).</param>
/// <param name="TotalSources">Distinct sources ever.</param>
public sealed record SpreadSummary(int Sources, int TotalSources, int Appearances, TimeSpan Window, FirstPublisher? First)
{
    public static SpreadSummary None(TimeSpan window) => new(0, 0, 0, window, null);
}

/// <summary>What got worse since the last look (舆情恶化、影响面扩大), for the audit trail and escalation.</summary>
public sealed record Worsening(SpreadSummary Before, SpreadSummary After, Grade BeforeGrade, Grade AfterGrade, string Description)
{
    public bool SpreadRose => After.Sources > Before.Sources;
    public bool GradeRose => AfterGrade > BeforeGrade;
}

/// <summary>Pure functions over an incident's appearances.</summary>
public static class StorySpread
{
    public static SpreadSummary Of(IReadOnlyCollection<Appearance> appearances, TimeSpan window)
    {
        if (appearances.Count == 0)
        {
            return SpreadSummary.None(window);
        }

        // An appearance counts at its publish time when the site gave one: that is when the story actually spread.
        var timeline = appearances
            .Select(a => (Source: a.SourceName, At: a.Published ?? a.Discovered))
            .OrderBy(x => x.At)
            .ToList();
        var inWindow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var most = 0;
        var first = 0;
        foreach (var (source, at) in timeline)
        {
            inWindow[source] = inWindow.GetValueOrDefault(source) + 1;
            while (at - timeline[first].At > window)
            {
                var leaving = timeline[first++].Source;
                if (--inWindow[leaving] == 0)
                {
                    inWindow.Remove(leaving);
                }
            }

            most = Math.Max(most, inWindow.Count);
        }

        var total = appearances.Select(a => a.SourceName).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return new SpreadSummary(most, total, appearances.Count, window, FirstOf(appearances));
    }

    /// <summary>The worsening between two looks at an incident, or null when neither spread nor grade rose.</summary>
    public static Worsening? Compare(SpreadSummary before, Grade beforeGrade, SpreadSummary after, Grade afterGrade, Strings strings)
    {
        var changes = new List<string>();
        if (after.Sources > before.Sources)
        {
            changes.Add(strings.SpreadRose(before.Sources, after.Sources, after.Window));
        }

        if (afterGrade > beforeGrade)
        {
            changes.Add(strings.GradeRose(beforeGrade, afterGrade));
        }

        return changes.Count == 0 ? null : new Worsening(before, after, beforeGrade, afterGrade, strings.JoinChanges(changes));
    }

    private static FirstPublisher FirstOf(IReadOnlyCollection<Appearance> appearances)
    {
        var published = appearances.Where(a => a.Published is not null).MinBy(a => a.Published);
        if (published is not null)
        {
            return new FirstPublisher(published.SourceName, published.Published!.Value, published.Url, false);
        }

        var discovered = appearances.MinBy(a => a.Discovered)!;
        return new FirstPublisher(discovered.SourceName, discovered.Discovered, discovered.Url, true);
    }
}
