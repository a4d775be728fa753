using OpinionBot.Matching;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Matching;

/// <summary>
/// The shipped lexicon on a labelled set written for the test (Fixtures/sentiment.txt): complaints and accidents, and
/// the hard cases — rebuttals, praise, prevention and publicity, questions, negation — that must not read negative.
/// </summary>
public sealed class SentimentSetTests(ITestOutputHelper output)
{
    private const double MinAccuracy = 0.92;

    [Fact]
    public void LabelledSet_AccuracyAtLeast092_AndRebuttalsRecognised()
    {
        var analyzer = new SentimentAnalyzer(NegativeLexicon.Load());
        var items = Load();
        var wrong = new List<string>();
        var correct = 0;
        var heldOutCorrect = 0;
        foreach (var (label, title, text, heldOut) in items)
        {
            var result = analyzer.Analyze(title, text);
            var ok = label switch
            {
                'N' => result.Negative,
                'R' => !result.Negative && result.Rebuttals.Count > 0,
                _ => !result.Negative,
            };
            if (ok)
            {
                correct++;
                heldOutCorrect += heldOut ? 1 : 0;
            }
            else
            {
                wrong.Add($"{label} {title} {text} → negative={result.Negative} score={result.Score} words=[{string.Join(",", result.Words)}] rebuttals=[{string.Join(",", result.Rebuttals)}] praise=[{string.Join(",", result.Praise)}]");
            }
        }

        var accuracy = (double)correct / items.Count;
        var negatives = items.Count(i => i.Label == 'N');
        var heldOutCount = items.Count(i => i.HeldOut);
        output.WriteLine($"sentiment: {items.Count} items ({negatives} negative), accuracy {accuracy:0.000}; " +
            $"held-out part (not tuned on): {heldOutCount} items, accuracy {(double)heldOutCorrect / Math.Max(1, heldOutCount):0.000}");
        foreach (var line in wrong)
        {
            output.WriteLine("  wrong: " + line);
        }

        Assert.True(items.Count >= 300, $"the set has {items.Count} items");
        Assert.InRange(negatives, items.Count * 0.45, items.Count * 0.55);
        Assert.True(heldOutCount >= 40, $"the held-out part has {heldOutCount} items");
        Assert.True(accuracy >= MinAccuracy, $"accuracy {accuracy:0.000} < {MinAccuracy}:\n{string.Join("\n", wrong)}");
    }

    /// <summary>Lines after the "held out" comment were written after the lexicon was tuned, and not tuned on.</summary>
    private static List<(char Label, string Title, string Text, bool HeldOut)> Load()
    {
        var items = new List<(char, string, string, bool)>();
        var heldOut = false;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sentiment.txt")))
        {
            heldOut |= line.StartsWith("# --- held out", StringComparison.Ordinal);
            if (line.Length > 2 && !line.StartsWith('#'))
            {
                var parts = line.Split('\t');
                items.Add((parts[0][0], parts[1].Trim('"'), parts.Length > 2 ? parts[2] : "", heldOut));
            }
        }

        return items;
    }
}
