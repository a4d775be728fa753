using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Hosting;

/// <summary>
/// Tests never reach or resolve a host that is not ours: every URL in the test sources and fixtures names a loopback
/// address or a <c>.invalid</c> host (RFC 6761), and the fetcher refuses <c>.invalid</c> without a DNS lookup.
/// </summary>
public sealed partial class TestHostsGuardTests
{
    // XML and JSON namespace identifiers: names, never fetched.
    private static readonly HashSet<string> NamespaceHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "www.w3.org", "purl.org", "jsonfeed.org", "schemas.openxmlformats.org", "schemas.microsoft.com",
    };

    // Literal addresses the fetcher must refuse without connecting (these tests say so); nothing else may name one.
    private static readonly HashSet<string> RefusalTests = new(StringComparer.Ordinal) { "SafeFetcherTests.cs", "EvidenceBackupTests.cs", "SourceTestAndGuardTests.cs" };

    [Fact]
    public void EveryUrlInTheTests_NamesLoopbackOrAnInvalidHost()
    {
        var tests = TestsFolder();
        var offenders = new List<string>();
        var files = Directory.EnumerateFiles(tests, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        Path.GetExtension(f) is ".cs" or ".xml" or ".html" or ".json" or ".txt")
            .ToList();
        foreach (var file in files)
        {
            // Latin-1 reads GBK fixtures without failing; host names are ASCII either way.
            var text = File.ReadAllText(file, Encoding.Latin1);
            foreach (Match url in Url().Matches(text))
            {
                var host = url.Groups["host"].Value.Trim('[', ']').TrimEnd('.');
                if (host.Length == 0 || Allowed(host, Path.GetFileName(file)))
                {
                    continue;
                }

                offenders.Add($"{Path.GetRelativePath(tests, file)}: {url.Value}");
            }
        }

        Assert.True(files.Count > 50, $"only {files.Count} files scanned under {tests}");
        Assert.True(offenders.Count == 0, "Use 127.0.0.1 or a .invalid host in tests:\n" + string.Join("\n", offenders));
    }

    [Theory]
    [InlineData("http://news.example.invalid/a")]
    [InlineData("https://NEWS.EXAMPLE.INVALID./a")]
    [InlineData("http://invalid/")]
    public void Fetcher_RefusesInvalidHosts_BeforeAnyLookup(string url)
    {
        var guard = new AddressGuard([]);
        Assert.Contains("never exists", guard.CheckUrl(new Uri(url)), StringComparison.Ordinal);
    }

    private static bool Allowed(string host, string fileName)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase) || host.Equals("invalid", StringComparison.OrdinalIgnoreCase) ||
            host.StartsWith('{') || // an interpolated placeholder such as {Site.BaseUrl}
            NamespaceHosts.Contains(host))
        {
            return true;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return IPAddress.IsLoopback(address) || RefusalTests.Contains(fileName);
        }

        // Forms the fetcher must parse as addresses (0x7f000001, 2130706433, 0177.0.0.1): only in its refusal tests.
        return RefusalTests.Contains(fileName) && NumericHost().IsMatch(host);
    }

    private static string TestsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "OpinionBot.Tests");
            if (File.Exists(Path.Combine(candidate, "OpinionBot.Tests.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/OpinionBot.Tests not found above " + AppContext.BaseDirectory);
    }

    // Network URLs (not tg:// or attach://): the host ends at a port, path, query, quote or space; user info is skipped.
    [GeneratedRegex(@"\b(?:https?|ftp|wss?)://(?:[^\s/@""'<>]*@)?(?<host>\[[0-9a-fA-F:.]*\]|[^\s/:?#""'<>\\)]*)")]
    private static partial Regex Url();

    [GeneratedRegex("^(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,3}$", RegexOptions.IgnoreCase)]
    private static partial Regex NumericHost();
}
