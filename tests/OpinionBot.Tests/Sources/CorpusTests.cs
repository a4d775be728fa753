using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using OpinionBot.Sources;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Sources;

/// <summary>
/// Every page and feed of the shared robustness corpus (real files written by others, never copied into the project)
/// goes through decoding and extraction: no crash, no hang, and no replacement characters in titles of decodable files.
/// </summary>
public sealed partial class CorpusTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    [SkippableFact]
    public void Extract_EveryCorpusFile_SucceedsOrGivesReason()
    {
        var corpus = FindCorpus();
        // Reported as skipped, not passed: a fresh clone has no corpus, and a pass would claim checks that never ran.
        Skip.If(corpus is null, "../shared/corpus is not present next to the repository; corpus checks did not run.");

        var decodable = Manifest(corpus);
        var failures = new List<string>();
        var files = Directory.GetFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetDirectoryName(f) != corpus).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(corpus, file).Replace('\\', '/');
            var clock = Stopwatch.StartNew();
            try
            {
                var summary = Run(file, decodable.Contains(relative), failures, relative);
                output.WriteLine($"{relative}: {summary} ({clock.ElapsedMilliseconds} ms)");
            }
            catch (Exception ex)
            {
                failures.Add($"{relative}: crashed with {ex.GetType().Name}: {ex.Message}");
            }

            if (clock.Elapsed > Budget)
            {
                failures.Add($"{relative}: took {clock.Elapsed.TotalSeconds:0.0} s");
            }
        }

        Assert.True(files.Count > 0, "the corpus folder is empty");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Run(string file, bool mustDecode, List<string> failures, string name)
    {
        var bytes = File.ReadAllBytes(file);
        if (file.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            bytes = plain.ToArray();
        }

        var isFeed = name.StartsWith("feeds/", StringComparison.Ordinal);
        var decoded = TextDecoder.Decode(bytes, HeaderCharset(bytes), isFeed ? DocumentKind.Xml : DocumentKind.Html);
        if (decoded.Failed)
        {
            if (mustDecode)
            {
                failures.Add($"{name}: decodable per manifest but: {decoded.Problem}");
            }

            return $"not decodable: {decoded.Problem}";
        }

        var url = new Uri("http://corpus.example.invalid/" + name);
        var now = new DateTimeOffset(2024, 5, 20, 12, 0, 0, TimeSpan.FromHours(8));
        var zone = TimeZones.Resolve("Asia/Shanghai");
        IReadOnlyList<SourceItem> items;
        string detail;
        if (isFeed)
        {
            var feed = FeedExtractor.Extract(decoded.Text, url, zone, now);
            items = feed.Items;
            detail = feed.Problem ?? $"{feed.Format}, {items.Count} items";
        }
        else
        {
            var list = HtmlExtractor.ExtractList(decoded.Text, url, new SourceSelectors { Item = "a[href]" }, zone, now);
            _ = HtmlExtractor.ExtractContent(decoded.Text, null);
            items = list.Items;
            detail = $"{items.Count} links";
        }

        foreach (var item in items.Where(i => i.Title.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            failures.Add($"{name}: title with U+FFFD: {item.Title}");
        }

        return $"{decoded.Encoding}, {detail}";
    }

    // feedparser fixtures name the HTTP header they expect in a leading comment: "Header: Content-type: ...; charset=x".
    private static string? HeaderCharset(byte[] bytes)
    {
        var head = System.Text.Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 1024));
        var m = HeaderPattern().Match(head);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static HashSet<string> Manifest(string corpus)
    {
        var path = Path.Combine(corpus, "MANIFEST.tsv");
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length > 7 && (cells[7].EndsWith(":ok", StringComparison.Ordinal) || cells[7].StartsWith("unicode:", StringComparison.Ordinal) ||
                cells[7].Contains("superset-ok", StringComparison.Ordinal)))
            {
                result.Add(cells[0]);
            }
        }

        return result;
    }

    private static string? FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"Header:\s*Content-type:[^\r\n]*?charset=['""]?([A-Za-z0-9._\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderPattern();
}
