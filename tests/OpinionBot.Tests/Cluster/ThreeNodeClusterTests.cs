using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Cluster;

/// <summary>
/// Three real worker processes on one PostgreSQL database, 300 feed sources on the loopback test site, the fake Bot API:
/// every source is checked once per interval (none twice, none skipped), every card is sent once, and a node killed with
/// SIGKILL while it holds the delivery and updates leases loses nothing: its leases move within 30 s and at most the one
/// message it had with Telegram is sent again.
/// </summary>
[Collection(ThreeNodes)]
public sealed class ThreeNodeClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Three workers load the machine: the test runs alone, so neither it nor the others run short of time.</summary>
    public const string ThreeNodes = "three worker processes";

    private const long TeamChat = -1001;
    private const int Sources = 300;
    private const int Growing = 60;
    private const int MaxConcurrentChecks = 8;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(6);
    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-cluster").FullName;
    private readonly List<WorkerProcess> _nodes = [];
    private readonly Dictionary<int, List<string>> _published = [];
    private DateTimeOffset _killedAt;
    private FakeBotApi _api = null!;
    private TestSite _site = null!;
    private (string Name, string ConnectionString) _database;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _site = await TestSite.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _api.DisposeAsync();
        await _site.DisposeAsync();
        if (_database.Name is not null)
        {
            PostgresServer.Instance.DropDatabase(_database.Name, _database.ConnectionString);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A locked temp file is not worth failing a test over.
        }
    }

    [SkippableFact]
    public async Task ThreeNodes_EachSourceCheckedOncePerInterval_EveryCardOnce_AKilledNodesLeasesMove()
    {
        Skip.If(PostgresServer.Missing is not null, PostgresServer.Missing);
        Assert.True(File.Exists(WorkerProcess.WorkerDll), "Build the solution first: the worker is not at " + WorkerProcess.WorkerDll);
        _database = PostgresServer.Instance.CreateDatabase();
        for (var i = 0; i < Sources; i++)
        {
            Publish(i);
        }

        // The first node takes every lease; the other two join once it has them.
        var first = Start(1);
        await WaitForAsync(() => Holder("updates") == "node-1" && Holder("delivery") == "node-1", TimeSpan.FromSeconds(40), "node-1 to take the leases");
        var clock = Stopwatch.StartNew();
        Start(2);
        Start(3);

        // New items keep coming on a fifth of the sources, so cards are on their way when the node dies.
        using var publishing = new CancellationTokenSource();
        var publisher = PublishAsync(publishing.Token);

        await WaitForAsync(() => CheckedSources() == Sources, Interval * 3, "every source to be checked once");
        await WaitForAsync(() => _api.Requests("sendMessage").Count > 0, TimeSpan.FromSeconds(20), "cards to go out");
        var killedAt = _killedAt = DateTimeOffset.UtcNow;
        first.Kill();
        output.WriteLine($"killed node-1 at {clock.Elapsed.TotalSeconds:0.0} s, {_api.Requests("sendMessage").Count} messages sent so far");

        var moved = Stopwatch.StartNew();
        await WaitForAsync(() => Holder("updates") is "node-2" or "node-3" && Holder("delivery") is "node-2" or "node-3", TimeSpan.FromSeconds(30),
            "the leases to move");
        output.WriteLine($"leases moved in {moved.Elapsed.TotalSeconds:0.0} s: updates {Holder("updates")}, delivery {Holder("delivery")}, duties {Holder("duties")}");

        // The new poller answers: /status names the live nodes and the holders.
        _api.InjectMessage(TeamChat, 42, "/status", firstName: "张三");

        await Task.Delay(killedAt + Interval * 2 - DateTimeOffset.UtcNow);
        await publishing.CancelAsync();
        await publisher;
        var checks = CheckProblems(DateTimeOffset.UtcNow);
        foreach (var (node, number) in _nodes.Select((n, k) => (n, k + 1)))
        {
            output.WriteLine($"node-{number}: " + string.Join("\n  ", node.Output.Split('\n').Where(l => l.Contains("Quartz", StringComparison.Ordinal) || l.Contains("ERR", StringComparison.Ordinal)).Take(15)));
        }

        var titles = _published.Values.SelectMany(t => t).ToList();
        Assert.True(titles.Count > Growing, "no news came during the run");
        await WaitForAsync(() => titles.All(t => Copies(t) > 0), TimeSpan.FromSeconds(30), "every card to arrive");
        await Task.Delay(500); // a double still on its way would show now
        var status = _api.Messages(TeamChat).LastOrDefault(m => m.Text?.Contains("node-2", StringComparison.Ordinal) == true)?.Text;
        output.WriteLine("/status: " + (status ?? "(no answer) " + string.Join(" | ", _api.Messages(TeamChat).TakeLast(3).Select(m => m.Text))));
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        // Every log line names the node that wrote it.
        var logLines = _nodes.Select((n, k) => (Number: k + 1, Lines: n.Output.Split('\n').Where(l => l.StartsWith('[') && l.Contains("] ", StringComparison.Ordinal)).ToList())).ToList();
        _nodes.Clear();
        Assert.All(logLines, node => Assert.All(node.Lines, line => Assert.Contains($"] node-{node.Number} ", line, StringComparison.Ordinal)));
        Assert.Contains(logLines, node => node.Lines.Count > 0);
        output.WriteLine($"run took {clock.Elapsed.TotalSeconds:0} s; {_site.Hits.Count} requests to the site, {titles.Count} cards, {_api.Requests("sendMessage").Count} sendMessage calls");
        Assert.Empty(checks);
        var doubles = titles.Sum(t => Copies(t) - 1);
        output.WriteLine($"{doubles} cards sent twice");
        Assert.True(doubles <= 1, $"{doubles} cards were sent twice; only the one in flight at the kill may be");
        // The killed node may still count as live (seen within three lease times), but it holds no lease.
        Assert.NotNull(status);
        Assert.Contains("node-3", status, StringComparison.Ordinal);
        Assert.Contains("租约 updates：node-", status, StringComparison.Ordinal);
        Assert.DoesNotContain("：node-1", status, StringComparison.Ordinal);
    }

    /// <summary>
    /// Each source's requests against its schedule. A source's checks come every interval, each a little early or late
    /// (the firing, the queue), so the schedule's phase is the median of the checks' offsets; every slot of the schedule
    /// inside the run must hold exactly one check (from 3 s before its time to 3 s before the next). The one exception is a
    /// check that was running on the killed node: Quartz runs it again elsewhere (it may not have finished), so one slot
    /// may hold a second run after the kill, once per source and for no more sources than the node could run at once.
    /// </summary>
    private List<string> CheckProblems(DateTimeOffset until)
    {
        var problems = new List<string>();
        var rerun = 0;
        var worst = 0.0;
        var period = Interval.TotalSeconds;
        const double Early = 3;
        if (Environment.GetEnvironmentVariable("OPINIONBOT_CLUSTER_HITS") is { Length: > 0 } dump)
        {
            File.WriteAllLines(dump, _site.Hits.Select(h => $"{(h.Time - _killedAt).TotalSeconds:0.000} {h.PathAndQuery}"));
        }

        var hits = _site.Hits.Where(h => h.PathAndQuery.StartsWith("/feeds/", StringComparison.Ordinal))
            .GroupBy(h => h.PathAndQuery.Split('?')[0]).ToDictionary(g => g.Key, g => g.Select(h => h.Time).Order().ToList());
        for (var i = 0; i < Sources; i++)
        {
            if (!hits.TryGetValue(FeedPath(i), out var times))
            {
                problems.Add($"source {i}: never checked");
                continue;
            }

            var first = times[0];
            var offsets = times.Select(t => ((t - first).TotalSeconds % period + period) % period).Select(x => x > period / 2 ? x - period : x).Order().ToList();
            var phase = offsets[offsets.Count / 2];
            // A slot runs from a little before its time (a check runs a bit early of the median) to well after it.
            int Slot(DateTimeOffset t) => (int)Math.Floor(((t - first).TotalSeconds - phase + Early) / period);
            var slots = times.GroupBy(Slot).ToDictionary(g => g.Key, g => g.ToList());
            worst = Math.Max(worst, times.Max(t => (t - first).TotalSeconds - phase - period * Slot(t)));
            var whole = (int)Math.Floor(((until - first).TotalSeconds - phase + Early) / period) - 1;
            var reruns = 0;
            for (var k = 0; k <= whole; k++)
            {
                var checks = slots.GetValueOrDefault(k) ?? [];
                if (checks.Count == 2 && checks[1] > _killedAt && checks[1] < _killedAt + TimeSpan.FromSeconds(30) && reruns++ == 0)
                {
                    rerun++;
                    continue;
                }

                if (checks.Count != 1)
                {
                    problems.Add($"source {i}: {checks.Count} checks in slot {k} ({string.Join(", ", times.Select(t => $"{(t - _killedAt).TotalSeconds:0.0}"))} s from the kill)");
                }
            }
        }

        output.WriteLine($"checks at most {worst:0.0} s after their time; {rerun} checks running on the killed node were run again; {problems.Count} problems with the checks" +
            string.Concat(problems.Take(20).Select(p => "\n  " + p)));
        if (rerun > MaxConcurrentChecks)
        {
            problems.Add($"{rerun} checks were run twice, more than the {MaxConcurrentChecks} the killed node could have had running");
        }

        return problems;
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var round = 0;
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                for (var i = round % 5 * (Growing / 5); i < (round % 5 + 1) * (Growing / 5); i++)
                {
                    Publish(i);
                }

                round++;
            }
        }
        catch (OperationCanceledException)
        {
            // Done publishing.
        }
    }

    /// <summary>
    /// Adds an item to source <paramref name="source"/>'s feed: a headline of its own, so no two items are one story. The
    /// first <see cref="Growing"/> sources have news the topic matches; the others a weather report that opens nothing.
    /// </summary>
    private void Publish(int source)
    {
        if (source >= Growing)
        {
            _site.Set(FeedPath(source), TestFeeds.Rss(($"今日天气晴朗 {source}", _site.BaseUrl + $"/weather/{source}", DateTimeOffset.UtcNow.AddMinutes(-1), "晴")));
            return;
        }

        if (!_published.TryGetValue(source, out var titles))
        {
            _published[source] = titles = [];
        }

        var random = new Random(source * 1000 + titles.Count);
        titles.Add("医院" + new string([.. Enumerable.Range(0, 14).Select(_ => (char)random.Next(0x4E00, 0x9FA5))]));
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        _site.Set(FeedPath(source), TestFeeds.Rss([.. titles.Select((t, k) => (t, _site.BaseUrl + $"/news/{source}-{k}", now, t))]));
    }

    private static string FeedPath(int source) => $"/feeds/{source}.xml";

    private int CheckedSources() =>
        _site.Hits.Where(h => h.PathAndQuery.StartsWith("/feeds/", StringComparison.Ordinal)).Select(h => h.PathAndQuery).Distinct().Count();

    private int Copies(string title) => _api.Messages(TeamChat).Count(m => m.Text?.Contains(title, StringComparison.Ordinal) == true);

    private WorkerProcess Start(int number)
    {
        var folder = Path.Combine(_folder, $"node-{number}");
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, object>
        {
            ["Telegram"] = new { Token = _api.Token, ApiBaseUrl = _api.BaseUrl, PollTimeoutSeconds = 1 },
            ["Storage"] = new { Provider = "postgres", _database.ConnectionString, Path = Path.Combine(folder, "unused.db") },
            ["Cluster"] = new { Enabled = true, NodeName = $"node-{number}", LeaseTime = LeaseTime.ToString() },
            ["Chats"] = new { Team = TeamChat },
            ["Sources"] = Enumerable.Range(0, Sources).Select(i => new { Name = $"源{i:000}", Kind = "feed", Url = _site.Url(FeedPath(i)), Schedule = $"every {Interval.TotalSeconds}s" }),
            ["Topics"] = new[] { new { Name = "医院", Keywords = new[] { "医院" } } },
            ["Fetching"] = new { AllowList = new[] { "127.0.0.0/8" }, MaxConcurrencyPerHost = 16, MinIntervalPerHost = "00:00:00" },
            ["Scheduling"] = new { Jitter = Interval.ToString(), MaxConcurrentChecks },
            ["Evidence"] = new { Browser = false },
            ["Delivery"] = new { GroupMessagesPerMinute = 100000, PrivateMessagesPerSecond = 100000, MessagesPerSecond = 100000, DigestAbove = 100000 },
            ["Serilog"] = new { MinimumLevel = new { Default = "Warning" } },
        };
        var file = Path.Combine(folder, "appsettings.json");
        File.WriteAllText(file, JsonSerializer.Serialize(settings));
        var node = WorkerProcess.Start(folder, ["--config", file]);
        _nodes.Add(node);
        return node;
    }

    private string? Holder(string lease)
    {
        try
        {
            using var connection = new NpgsqlConnection(_database.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT holder FROM ob_leases WHERE name = @name AND expires > now()", connection);
            command.Parameters.AddWithValue("name", lease);
            return command.ExecuteScalar() as string;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    private async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout || _nodes.Any(n => n.HasExited && n != _nodes[0]))
            {
                foreach (var (node, number) in _nodes.Select((n, k) => (n, k + 1)))
                {
                    output.WriteLine($"--- node-{number} ---\n" + string.Join('\n', node.Output.Split('\n').TakeLast(40)));
                }

                Assert.Fail($"Timed out after {clock.Elapsed.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }
}

[CollectionDefinition(ThreeNodeClusterTests.ThreeNodes, DisableParallelization = true)]
public sealed class ThreeNodesRunAlone;
