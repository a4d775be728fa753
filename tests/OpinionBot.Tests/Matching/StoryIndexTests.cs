using OpinionBot.Matching;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Matching;

public sealed class StoryIndexTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Find_FixtureStories_GroupsRepostsAndSeparatesDistinctStories()
    {
        var items = Fixture();
        var index = new StoryIndex(TimeSpan.FromHours(24));
        var assigned = new long[items.Count];
        long next = 1;
        for (var i = 0; i < items.Count; i++)
        {
            var fingerprint = StoryFingerprint.Of(items[i].Title, items[i].Text);
            var at = Start.AddMinutes(i * 7);
            assigned[i] = index.Find(fingerprint, at) ?? next++;
            index.Add(assigned[i], fingerprint, at);
        }

        var (precision, recall) = PairScores(items, (i, j) => assigned[i] == assigned[j]);
        output.WriteLine($"{items.Count} items, {items.Select(x => x.Story).Distinct().Count()} stories, {next - 1} incidents");
        output.WriteLine($"pairwise precision {precision:P1}, recall {recall:P1} (threshold {StoryIndex.DefaultThreshold})");
        foreach (var pair in SimilarityReport(items))
        {
            output.WriteLine(pair);
        }

        Assert.True(precision >= 0.95, $"precision {precision:P1}");
        Assert.True(recall >= 0.85, $"recall {recall:P1}");
    }

    [Fact]
    public void Find_SameStoryOutsideWindow_StartsANewStory()
    {
        var index = new StoryIndex(TimeSpan.FromHours(2));
        var first = StoryFingerprint.Of("城南小学多名学生午餐后呕吐腹泻", "今天中午，城南小学多名学生在食用学校午餐后出现呕吐、腹泻症状。");
        var repost = StoryFingerprint.Of("城南小学多名学生午餐后呕吐腹泻", "今天中午，城南小学多名学生食用学校午餐后出现呕吐、腹泻症状。");
        index.Add(7, first, Start);

        Assert.Equal(7, index.Find(repost, Start.AddHours(1)));
        Assert.Null(index.Find(repost, Start.AddHours(3)));

        index.Prune(Start.AddHours(3));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Parse_StoredFingerprint_RoundTripsAndRebuildsTheIndex()
    {
        var fingerprint = StoryFingerprint.Of("恒达建筑公司拖欠农民工工资近百万", "四十余名农民工反映被拖欠工资近百万元。");
        var stored = fingerprint.ToString();
        var rebuilt = new StoryIndex(TimeSpan.FromHours(2));
        rebuilt.Add(42, StoryFingerprint.Parse(stored), Start);

        Assert.Equal(1.0, StoryFingerprint.Parse(stored).Similarity(fingerprint));
        Assert.Equal(42, rebuilt.Find(fingerprint, Start));
        Assert.True(StoryFingerprint.Parse("not base64!").IsEmpty);
        Assert.True(StoryFingerprint.Of("", " ，。").IsEmpty);
    }

    internal static List<(string Story, string Title, string Text)> Fixture() =>
    [
        .. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stories.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('|'))
            .Select(parts => (parts[0], parts[1], parts[2])),
    ];

    private static (double Precision, double Recall) PairScores(List<(string Story, string Title, string Text)> items, Func<int, int, bool> together)
    {
        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                var same = items[i].Story == items[j].Story;
                var joined = together(i, j);
                truePositive += same && joined ? 1 : 0;
                falsePositive += !same && joined ? 1 : 0;
                falseNegative += same && !joined ? 1 : 0;
            }
        }

        return (truePositive / (double)Math.Max(1, truePositive + falsePositive), truePositive / (double)Math.Max(1, truePositive + falseNegative));
    }

    private static IEnumerable<string> SimilarityReport(List<(string Story, string Title, string Text)> items)
    {
        var prints = items.Select(x => StoryFingerprint.Of(x.Title, x.Text)).ToList();
        var same = new List<double>();
        var different = new List<double>();
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                (items[i].Story == items[j].Story ? same : different).Add(prints[i].Similarity(prints[j]));
            }
        }

        yield return $"same story: min {same.Min():0.00}, mean {same.Average():0.00}; different stories: max {different.Max():0.00}, mean {different.Average():0.00}";
    }

    [Fact]
    public void AtItsLimit_TheIndexForgetsTheOldestFirst_AndSaysUpToWhen()
    {
        var index = new StoryIndex(TimeSpan.FromHours(48), limit: 100);
        var school = StoryFingerprint.Of("城南小学多名学生午餐后呕吐腹泻", "今天中午，城南小学多名学生在食用学校午餐后出现呕吐、腹泻症状。");
        var repost = StoryFingerprint.Of("城南小学多名学生午餐后呕吐腹泻", "今天中午，城南小学多名学生食用学校午餐后出现呕吐、腹泻症状。");
        var wages = StoryFingerprint.Of("恒达建筑公司拖欠农民工工资近百万", "四十余名农民工反映被拖欠工资近百万元。");
        index.Add(1, school, Start);
        for (var i = 1; i <= 99; i++)
        {
            index.Add(2, wages, Start.AddMinutes(i));
        }

        Assert.Equal(1, index.Find(repost, Start.AddHours(1))); // at the limit, nothing forgotten yet
        Assert.Null(index.Forgotten);

        index.Add(2, wages, Start.AddMinutes(100)); // one over: the oldest twentieth goes at once

        Assert.Equal(95, index.Count);
        Assert.Null(index.Find(repost, Start.AddHours(1))); // the school story was forgotten inside its window
        Assert.Equal(2, index.Find(wages, Start.AddHours(1)));
        var forgotten = Assert.IsType<ForgottenEarly>(index.Forgotten);
        Assert.Equal(6, forgotten.Appearances);
        Assert.Equal(Start.AddMinutes(5), forgotten.Through);
        Assert.Equal(Start.AddMinutes(100), forgotten.At);
    }

    [Fact]
    public void AtItsLimit_ForgettingRefillsThePostingsInPlace_WithoutNewListsForEveryTermAndWord()
    {
        // In a storm at its limit the index forgets and recounts every minute or so: new posting lists for every term and
        // headline word each time were long-lived garbage that kept the worker's memory above its target.
        var index = new StoryIndex(TimeSpan.FromHours(48), limit: 2000);
        var towns = new[] { "石桥镇", "城关镇", "河口镇", "柳林乡", "白沙镇", "青山乡", "黄土镇", "东湖镇" };
        var fingerprints = Enumerable.Range(0, 2200).Select(i => StoryFingerprint.Of(
            $"{towns[i % towns.Length]}第{i}号小区业主反映物业乱收费{i % 97}次",
            $"{towns[i % towns.Length]}第{i}号小区多名业主反映，物业公司今年第{i % 89}次上调停车费，业主代表{i}人联名投诉。")).ToList();
        var next = 0;
        void AddNext() => index.Add(next + 1, fingerprints[next], Start.AddSeconds(next++));

        // Up to the limit and once over it (a first forgetting warms the code), then up to the limit again.
        while (next <= 2000)
        {
            AddNext();
        }

        while (index.Count < 2000)
        {
            AddNext();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        AddNext(); // one over: a twentieth forgotten, the rest recounted
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(index.Forgotten);
        Assert.Equal(1900, index.Count);
        // Refilled in place, a recount of 1,900 appearances allocates little more than the carriers shared by several
        // stories; with new lists it allocated over a megabyte here.
        Assert.True(allocated < 600_000, $"{allocated:N0} bytes allocated by one recount");
    }
}
