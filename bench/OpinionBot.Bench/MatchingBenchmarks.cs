using System.Text;
using BenchmarkDotNet.Attributes;
using OpinionBot.Matching;

namespace OpinionBot.Bench;

/// <summary>
/// 2,000 keywords in 100 topics over about 10 MB (UTF-8) of mixed Chinese/English items; and story clustering.
/// Throughput = <see cref="TextMegabytes"/> / mean time. Run: dotnet run -c Release --project bench/OpinionBot.Bench -- --filter *Matching* --job short
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private const string Han = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

    private TopicMatcher _matcher = null!;
    private KeywordAutomaton _automaton = null!;
    private List<(string Title, string Text)> _items = null!;
    private string _normalizedCorpus = "";
    private List<StoryFingerprint> _prints = null!;

    public double TextMegabytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var keywords = Enumerable.Range(0, 2000)
            .Select(i => i % 4 == 3 ? English(random) : Chinese(random, 2 + random.Next(3)))
            .Distinct()
            .ToList();
        var topics = keywords.Chunk(20).Select((chunk, i) => new TopicDefinition
        {
            Name = $"topic{i}",
            Keywords = [.. chunk.Skip(2)],
            Rule = $"({chunk[0]}|{chunk[1]}) + ({chunk[2]} | {chunk[3]}) - 招聘",
        }).ToList();
        _matcher = new TopicMatcher(topics);
        _automaton = new KeywordAutomaton([.. keywords.Select(TextNormalizer.NormalizeKeyword)]);

        _items = [];
        var bytes = 0;
        while (bytes < 10_000_000)
        {
            var text = new StringBuilder();
            while (text.Length < 1500)
            {
                text.Append(random.Next(10) switch
                {
                    0 => " " + English(random) + " ",
                    1 => keywords[random.Next(keywords.Count)],
                    2 => "，",
                    _ => Chinese(random, 8),
                });
            }

            var item = (Chinese(random, 16), text.ToString());
            _items.Add(item);
            bytes += Encoding.UTF8.GetByteCount(item.Item1) + Encoding.UTF8.GetByteCount(item.Item2);
        }

        TextMegabytes = bytes / 1_000_000.0;
        _normalizedCorpus = TextNormalizer.Normalize(string.Concat(_items.Select(x => x.Title + "\n" + x.Text))).Text;
        _prints = [.. _items.Take(1000).Select(x => StoryFingerprint.Of(x.Title, x.Text))];
        Console.WriteLine($"// {keywords.Count} keywords, {_matcher.PatternCount} patterns, {_items.Count} items, {TextMegabytes:0.0} MB UTF-8");
    }

    /// <summary>The full per-item path: normalise title and text, one automaton pass each, evaluate the rules of hit topics.</summary>
    [Benchmark]
    public int MatchItems()
    {
        var matched = 0;
        foreach (var (title, text) in _items)
        {
            matched += _matcher.Match(title, text).Count;
        }

        return matched;
    }

    /// <summary>Only the automaton, over the already normalised corpus.</summary>
    [Benchmark]
    public int AutomatonOnly() => _automaton.FindAll(_normalizedCorpus).Count;

    /// <summary>Fingerprint 1,000 items of ~1,500 characters.</summary>
    [Benchmark]
    public int Fingerprint1000() => _items.Take(1000).Sum(x => StoryFingerprint.Of(x.Title, x.Text).IsEmpty ? 0 : 1);

    /// <summary>Assign 1,000 fingerprints to stories: each is compared with every earlier one in the window.</summary>
    [Benchmark]
    public int Cluster1000()
    {
        var index = new StoryIndex(TimeSpan.FromDays(2));
        var at = DateTimeOffset.UnixEpoch;
        var stories = 0L;
        foreach (var print in _prints)
        {
            var id = index.Find(print, at) ?? ++stories;
            index.Add(id, print, at);
        }

        return (int)stories;
    }

    private static string Chinese(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Han[random.Next(Han.Length)];
        }

        return new string(chars);
    }

    private static string English(Random random)
    {
        var chars = new char[4 + random.Next(6)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)('a' + random.Next(26));
        }

        return new string(chars);
    }
}
