using System.Diagnostics;
using System.Text;
using OpinionBot.Matching;

namespace OpinionBot.LoadRun;

/// <summary>
/// Matching throughput in characters per second: 2,000 keywords in 100 rule topics (as in MatchingBenchmarks) over
/// ~10 MB of mixed Chinese text, the full per-item path (normalise, one automaton pass, rules of the topics hit).
/// </summary>
internal static class MatchingRun
{
    public static void Run()
    {
        var random = new Random(42);
        var keywords = LoadWords.Keywords;
        foreach (var topicCount in new[] { 10, 100 })
        {
            var perTopic = keywords.Count / topicCount;
            var topics = keywords.Chunk(perTopic).Take(topicCount).Select((chunk, i) => new TopicDefinition
            {
                Name = $"topic{i}",
                Keywords = [.. chunk.Skip(2)],
                Rule = $"({chunk[0]}|{chunk[1]}) + ({chunk[2]} | {chunk[3]}) - 招聘",
            }).ToList();
            var matcher = new TopicMatcher(topics);
            var items = Corpus(random, keywords);
            var chars = items.Sum(i => (long)i.Title.Length + i.Text.Length);
            var matched = 0;
            foreach (var (title, text) in items.Take(200))
            {
                matched += matcher.Match(title, text).Count; // warm up
            }

            var best = double.MaxValue;
            for (var round = 0; round < 5; round++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var (title, text) in items)
                {
                    matched += matcher.Match(title, text).Count;
                }

                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }

            var normalise = Stopwatch.StartNew();
            var normalised = items.Select(i => TextNormalizer.NormalizeText(i.Text)).ToList();
            var normaliseMs = normalise.Elapsed.TotalMilliseconds;
            var automaton = new KeywordAutomaton([.. keywords.Select(TextNormalizer.NormalizeKeyword)]);
            var scan = Stopwatch.StartNew();
            var hits = normalised.Sum(n => automaton.FindAll(n).Count);
            Console.WriteLine(System.FormattableString.Invariant($"  normalise {normaliseMs:0} ms, automaton {scan.Elapsed.TotalMilliseconds:0} ms ({hits} hits)"));
            Console.WriteLine(System.FormattableString.Invariant(
                $"matching: {topicCount} topics, {keywords.Count} keywords ({matcher.PatternCount} patterns), {items.Count} items, {chars / 1e6:0.0} M chars: best of 5 {best * 1000:0} ms = {chars / best / 1e6:0.0} M chars/s"));
        }
    }

    private static List<(string Title, string Text)> Corpus(Random random, IReadOnlyList<string> keywords)
    {
        const string Han = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";
        string Chinese(int length) => string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Han[r.Next(Han.Length)];
            }
        });
        string English() => string.Create(4 + random.Next(6), random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + r.Next(26));
            }
        });

        var items = new List<(string, string)>();
        var chars = 0L;
        while (chars < 5_000_000)
        {
            var text = new StringBuilder();
            while (text.Length < 1500)
            {
                text.Append(random.Next(10) switch
                {
                    0 => " " + English() + " ",
                    1 => keywords[random.Next(keywords.Count)],
                    2 => "，",
                    _ => Chinese(8),
                });
            }

            items.Add((Chinese(16), text.ToString()));
            chars += 16 + text.Length;
        }

        return items;
    }
}
