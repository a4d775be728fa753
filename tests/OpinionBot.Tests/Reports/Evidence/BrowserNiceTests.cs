using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionBot.Reports.Evidence;
using OpinionBot.Sources;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Reports.Evidence;

/// <summary>The evidence browser runs at a lower CPU priority (Evidence:BrowserNice), it and every process it starts.</summary>
public sealed class BrowserNiceTests
{
    [NeedsFact(NeedsFactAttribute.Browser)]
    public async Task Browser_AndEveryProcessItStarts_RunAtTheConfiguredNice()
    {
        var expected = Math.Min(19, Nice(Environment.ProcessId) + 10);
        var (browser, children) = await LaunchAndReadAsync(10);

        Assert.Equal(expected, browser.Min());
        Assert.NotEmpty(children); // Chromium's zygote, renderer, utility processes
        // Every thread: Chromium sets its display threads to nice -8 and others to 0 when it may (root with CAP_SYS_NICE).
        Assert.All(children.Append(browser), threads => Assert.All(threads, nice => Assert.True(nice >= expected, $"a thread runs at nice {nice}")));
    }

    [Fact]
    public void Launcher_NotWrittenForNiceZero()
    {
        var folder = Directory.CreateTempSubdirectory("nice-test").FullName;
        try
        {
            Assert.Null(PageBrowser.NiceLauncher(folder, "/usr/bin/chromium", 0));
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(List<int> Browser, List<List<int>> Children)> LaunchAndReadAsync(int nice)
    {
        await using var site = await TestSite.StartAsync();
        site.Set("/p", "<!doctype html><html><body><h1>页面</h1></body></html>", "text/html; charset=utf-8");
        var fetching = Options.Create(new FetchingOptions { AllowList = ["127.0.0.1"], MinIntervalPerHost = TimeSpan.Zero });
        using var fetcher = new SafeFetcher(fetching, TimeProvider.System);
        var options = Options.Create(new EvidenceOptions { PageTimeout = TimeSpan.FromSeconds(20), BrowserNice = nice });
        await using var browser = new PageBrowser(options, fetcher, fetching, NullLogger<PageBrowser>.Instance);

        // Read while a page is open, so its renderer exists.
        return await browser.WithPageAsync(new Uri(site.Url("/p")), (_, _, _) =>
        {
            var pid = browser.ProcessId ?? throw new InvalidOperationException("the browser is not running");
            return Task.FromResult((ThreadNices(pid), Descendants(pid).Select(ThreadNices).ToList()));
        }, CancellationToken.None);
    }

    /// <summary>The nice value of a process (its main thread): field 19 of /proc/PID/stat.</summary>
    private static int Nice(int pid) => int.Parse(StatFields($"/proc/{pid}/stat")[16], CultureInfo.InvariantCulture);

    /// <summary>The nice value of each of a process's threads (Linux keeps one per thread).</summary>
    private static List<int> ThreadNices(int pid) =>
        [.. Directory.GetDirectories($"/proc/{pid}/task").Select(task => int.Parse(StatFields(Path.Combine(task, "stat"))[16], CultureInfo.InvariantCulture))];

    /// <summary>The fields after the command name (in parentheses, which may hold spaces): the state, field 3, first.</summary>
    private static string[] StatFields(string path)
    {
        var stat = File.ReadAllText(path);
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid))
            {
                try
                {
                    parents[pid] = int.Parse(StatFields(Path.Combine(folder, "stat"))[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The process ended while the list was read.
                }
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (pid, ppid) in parents)
            {
                if (ppid == parent)
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return found;
    }
}
