using OpinionBot.Matching;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Matching;

/// <summary>
/// Story identity over a hand-labelled set (Fixtures/story-eval.txt), in arrival order as intake sees it: pairwise
/// precision and recall of "same incident" against "same story", and every declared near miss kept apart.
/// </summary>
public sealed class StoryEvaluationTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EvaluationSet_InArrivalOrder_MeetsPrecisionAndRecall()
    {
        var (items, nearMisses) = StoryEvaluationSet.Load();
        var stories = items.Select(i => i.Story).Distinct().ToList();

        var incidents = StoryEvaluationSet.Assign(items, new StoryIndex(TimeSpan.FromHours(48), new MatchingOptions().StoryRules), Start);
        var (precision, recall) = StoryEvaluationSet.PairScores(items, incidents);
        var incidentOf = items.Select((item, i) => (item.Story, Incident: incidents[i])).ToList();
        var mergedNearMisses = nearMisses
            .Where(n => incidentOf.Where(x => x.Story == n.A).Select(x => x.Incident).Intersect(incidentOf.Where(x => x.Story == n.B).Select(x => x.Incident)).Any())
            .ToList();

        output.WriteLine($"{items.Count} items, {stories.Count} stories, {incidents.Distinct().Count()} incidents, {nearMisses.Count} near-miss pairs");
        output.WriteLine($"pairwise precision {precision:0.000}, recall {recall:0.000}; near misses merged: {mergedNearMisses.Count}");
        foreach (var line in StoryEvaluationSet.Mistakes(items, incidents))
        {
            output.WriteLine(line);
        }

        var index = new StoryIndex(TimeSpan.FromHours(48), new MatchingOptions().StoryRules);
        StoryEvaluationSet.Assign(items, index, Start);
        foreach (var story in stories)
        {
            var members = items.Where(i => i.Story == story).ToList();
            for (var k = 1; k < members.Count; k++)
            {
                if (Environment.GetEnvironmentVariable("STORY_EXPLAIN") is not null)
                {
                    output.WriteLine($"{story} {members[0].Title} ~ {members[k].Title}: {index.Explain(StoryFingerprint.Of(members[0].Title, members[0].Text), StoryFingerprint.Of(members[k].Title, members[k].Text))}");
                }
            }
        }

        foreach (var (a, b, why) in mergedNearMisses)
        {
            output.WriteLine($"near miss merged: {a} {b} ({why})");
        }

        Assert.True(items.Count >= 250, $"{items.Count} items");
        Assert.True(stories.Count >= 60, $"{stories.Count} stories");
        Assert.True(nearMisses.Count >= 40, $"{nearMisses.Count} near-miss pairs");
        Assert.True(stories.Count(s => items.Where(i => i.Story == s).Select(i => i.Source).Distinct().Count() >= 3) >= 10,
            "at least ten stories carried by three or more sites");
        Assert.True(precision >= 0.98, $"precision {precision:0.000}");
        Assert.True(recall >= 0.90, $"recall {recall:0.000}");
        Assert.Empty(mergedNearMisses);
    }
}

/// <summary>The labelled set and the pairwise scores, shared by the evaluation tests.</summary>
internal static class StoryEvaluationSet
{
    internal sealed record Item(string Story, string Source, string Title, string Text);

    public static (List<Item> Items, List<(string A, string B, string Why)> NearMisses) Load()
    {
        var items = new List<Item>();
        var near = new List<(string, string, string)>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "story-eval.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('|');
            if (parts[0] == "near")
            {
                near.Add((parts[1], parts[2], parts[3]));
            }
            else
            {
                items.Add(new Item(parts[0], parts[1], parts[2], parts[3]));
            }
        }

        var known = items.Select(i => i.Story).ToHashSet();
        Assert.All(near, n => Assert.True(known.Contains(n.Item1) && known.Contains(n.Item2) && n.Item1 != n.Item2, $"near {n.Item1} {n.Item2}"));
        return (items, near);
    }

    /// <summary>Runs the real decision as intake does: find the story, else open a new incident; then remember the item.</summary>
    public static long[] Assign(IReadOnlyList<Item> items, StoryIndex index, DateTimeOffset start)
    {
        var incidents = new long[items.Count];
        long next = 1;
        for (var i = 0; i < items.Count; i++)
        {
            var fingerprint = StoryFingerprint.Of(items[i].Title, items[i].Text);
            var at = start.AddMinutes(i * 4);
            incidents[i] = index.Find(fingerprint, at) ?? next++;
            index.Add(incidents[i], fingerprint, at);
        }

        return incidents;
    }

    public static (double Precision, double Recall) PairScores(IReadOnlyList<Item> items, long[] incidents)
    {
        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                var same = items[i].Story == items[j].Story;
                var joined = incidents[i] == incidents[j];
                truePositive += same && joined ? 1 : 0;
                falsePositive += !same && joined ? 1 : 0;
                falseNegative += same && !joined ? 1 : 0;
            }
        }

        return (truePositive / (double)Math.Max(1, truePositive + falsePositive), truePositive / (double)Math.Max(1, truePositive + falseNegative));
    }

    /// <summary>Each story split over several incidents and each incident mixing stories, for tuning.</summary>
    public static IEnumerable<string> Mistakes(IReadOnlyList<Item> items, long[] incidents)
    {
        foreach (var story in items.Select(i => i.Story).Distinct())
        {
            var split = items.Select((item, i) => (item, incident: incidents[i])).Where(x => x.item.Story == story).GroupBy(x => x.incident).ToList();
            if (split.Count > 1)
            {
                yield return $"split {story}: " + string.Join(" / ", split.Select(g => string.Join(", ", g.Select(x => x.item.Title))));
            }
        }

        foreach (var incident in incidents.Distinct())
        {
            var mixed = items.Where((_, i) => incidents[i] == incident).GroupBy(x => x.Story).ToList();
            if (mixed.Count > 1)
            {
                yield return $"mixed incident {incident}: " + string.Join(" / ", mixed.Select(g => g.Key + " " + g.First().Title));
            }
        }
    }
}
