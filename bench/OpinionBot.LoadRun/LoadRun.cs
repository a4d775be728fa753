using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpinionBot.Chat;
using OpinionBot.Hosting;
using OpinionBot.Scheduling;
using OpinionBot.Settings;
using OpinionBot.Storage;
using Quartz;

namespace OpinionBot.LoadRun;

/// <summary>
/// Drives the real worker (Quartz → check lanes → SafeFetcher → extraction → intake → outbox → sender → Bot API client)
/// against the world process, phase by phase, and prints what the README's table needs.
/// </summary>
internal sealed partial class LoadRun(LoadOptions options) : IDisposable
{
    private readonly string _folder = Path.Combine(options.DatabaseFolder, "opinionbot-loadrun", Guid.NewGuid().ToString("N"));
    private readonly HttpClient _control = new();
    private readonly RssSampler _rss = new(options.Timeline);
    private Process? _world;
    private WorldAddresses _addresses = null!;

    public async Task<int> RunAsync()
    {
        Directory.CreateDirectory(_folder);
        if (options.TraceLoads)
        {
            // Which code loads which assembly: a loaded assembly stays mapped (and resident) for the life of the process.
            // (The stack traces themselves load a few assemblies, so the figures of a traced run are a little higher.)
            var loads = Path.Combine(Path.GetTempPath(), "opinionbot-loadrun-loads.txt");
            File.WriteAllText(loads, "");
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) => File.AppendAllText(loads, $"== {e.LoadedAssembly.GetName().Name}\n{Environment.StackTrace}\n");
        }

        try
        {
            await StartWorldAsync();
            Console.WriteLine($"# OpinionBot load run · {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {options.Sources} sources on {options.Hosts} loopback hosts · {Environment.ProcessorCount} cores · server GC {System.Runtime.GCSettings.IsServerGC}, background GC {AppContext.GetData("System.GC.Concurrent")}, tiered PGO {AppContext.GetData("System.Runtime.TieredPGO")}, {string.Join(", ", RuntimeEnvironment.Shipped.Keys.Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}"))} (src/OpinionBot/RuntimeSettings.props) · database in {options.DatabaseFolder}");
            var phases = options.Phase == "all" ? ["idle", "rounds", "steady", "hold"] : new[] { options.Phase };
            foreach (var phase in phases)
            {
                switch (phase)
                {
                    case "idle": await IdleAsync(); break;
                    case "rounds": await RoundsAsync(); break;
                    case "steady": await SteadyAsync(); break;
                    case "hold": await HoldAsync(); break;
                    case "alone": await AloneAsync(); break;
                    case "smoke": await SmokeAsync(); break;
                    case "matching": MatchingRun.Run(); break;
                    default: throw new ArgumentException($"unknown phase {phase}");
                }
            }

            return _failed ? 1 : 0;
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Memory with 1 source, then with all sources configured, once their first checks are over.</summary>
    private async Task IdleAsync()
    {
        var measured = new Stopwatch();
        foreach (var count in new[] { 1, options.Sources })
        {
            // Pages of items that match no topic: idle memory is measured without a backlog of cards.
            await PostAsync("/control/new?threads=40&matchEvery=1000000000");
            await using var bot = await StartBotAsync(Database($"idle-{count}"), count, "every 1h", jitter: TimeSpan.Zero, politeness: false);
            await WaitAsync(() => bot.Timeliness.Finished >= count, TimeSpan.FromMinutes(5));
            await WaitAsync(() => bot.PendingOutbox() == 0, TimeSpan.FromMinutes(5));
            await Task.Delay(TimeSpan.FromSeconds(20));

            // The idle trim runs at most once a minute in a process, and the 1-source worker's ran just before: wait until
            // this worker's own could have run, as it would in a process of its own.
            if (measured.IsRunning && measured.Elapsed < TrimPolicy.Spacing + IdleMemoryTrim.Tick * 2)
            {
                await Task.Delay(TrimPolicy.Spacing + IdleMemoryTrim.Tick * 2 - measured.Elapsed);
            }

            measured.Restart();
            var before = RssSampler.Current();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(TimeSpan.FromSeconds(2));
            if (options.Verbose)
            {
                RssSampler.PrintTopMappings();
                var smaps = Path.Combine(Path.GetTempPath(), $"opinionbot-loadrun-smaps-{count}.txt");
                File.WriteAllText(smaps, File.ReadAllText("/proc/self/smaps"));
                Console.WriteLine($"  (the whole map: {smaps})");
                Console.WriteLine("  assemblies: " + string.Join(' ', AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal)));
            }

            if (options.LingerSeconds > 0)
            {
                Console.WriteLine($"  lingering {options.LingerSeconds} s (process {Environment.ProcessId}) for dotnet-gcdump or dotnet-counters");
                await Task.Delay(TimeSpan.FromSeconds(options.LingerSeconds));
            }

            var gc = GC.GetGCMemoryInfo();
            Console.WriteLine($"idle, {count} source(s), first checks done, 20 s later: RSS {Mb(before)} MB (after a full GC: {Mb(RssSampler.Current())} MB; managed heap {Mb(gc.HeapSizeBytes)} MB, committed {Mb(gc.TotalCommittedBytes)} MB; {System.Diagnostics.Process.GetCurrentProcess().Threads.Count} threads; {AppDomain.CurrentDomain.GetAssemblies().Length} assemblies)");
        }
    }

    /// <summary>Cold (every item new), warm (unchanged, no ETag) and 304 rounds over all sources, politeness off.</summary>
    private async Task RoundsAsync()
    {
        await PostAsync("/control/etags?on=false");
        await PostAsync("/control/new?threads=40&matchEvery=40&probeEvery=100");
        _rss.Reset();
        var before = await StatsAsync();
        var path = Database("rounds");
        await using (var bot = await StartBotAsync(path, options.Sources, "every 1d", jitter: TimeSpan.Zero, politeness: false))
        {
            // Starting fires every source once: that is the cold round.
            await RoundAsync(bot, "cold (every item new, 1 in 40 matching: one new incident per page)", trigger: false);
            await RoundAsync(bot, "warm (unchanged, no ETag)", trigger: true);
            await PostAsync("/control/etags?on=true");
            await RoundAsync(bot, "warm (unchanged, ETag learnt)", trigger: true);
            await RoundAsync(bot, "304 (If-None-Match)", trigger: true);
            await PostAsync("/control/etags?on=false");

            // The cold round's cards went out while the other rounds ran.
            var drained = Stopwatch.StartNew();
            await WaitAsync(() => bot.PendingOutbox() == 0, TimeSpan.FromMinutes(10));
            var after = await StatsAsync();
            var probes = after.ProbeLatenciesMs.Skip(before.ProbeLatenciesMs.Length).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rounds: {after.Cards - before.Cards} cards (digests included) for the cold round's new incidents{Percentiles([.. after.CardLatenciesMs.Skip(before.CardLatenciesMs.Length)])}; outbox empty {drained.Elapsed.TotalSeconds:0} s after the 304 round"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rounds: {probes.Length} 重大 probes (1 board in 100, never digested) while the cold round ran{Percentiles(probes)}"));
            Console.WriteLine("  probes in the order their cards arrived, ms: " + string.Join(", ", probes.Select(p => p.ToString("0", CultureInfo.InvariantCulture))));
            Console.WriteLine("  重大 cards in the outbox, queued → sent, ms: " + bot.MajorCardWaits());
        }

        Console.WriteLine($"rounds: peak RSS {Mb(_rss.Peak)} MB");
    }

    private async Task RoundAsync(Bot bot, string name, bool trigger)
    {
        var stats = await StatsAsync();
        var finished = bot.Timeliness.Finished;
        var (commits, flushes) = (bot.Database.Commits, bot.Database.Flushes);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (paused, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        if (trigger)
        {
            await bot.TriggerAllAsync(options.Sources);
        }

        await WaitAsync(() => bot.Timeliness.Finished >= finished + options.Sources, TimeSpan.FromMinutes(10));
        var checkedIn = clock.Elapsed;
        var checkCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var after = await StatsAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {name}: {options.Sources} checks in {checkedIn.TotalSeconds:0.00} s = {options.Sources / checkedIn.TotalSeconds:0} pages/s; " +
            $"CPU {checkCpu.TotalMilliseconds / options.Sources:0.00} ms/page (the sender's work included); served 200 {after.Served - stats.Served}, 304 {after.NotModified - stats.NotModified}; " +
            $"late {bot.Timeliness.Late}, merged {bot.Timeliness.Merged}; {bot.Database.Commits - commits} commits in {bot.Database.Flushes - flushes} disk flushes; " +
            $"GC paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms ({GC.CollectionCount(2) - gen2} gen2; last blocking full GC #{GC.GetGCMemoryInfo(GCKind.FullBlocking).Index} paused {GC.GetGCMemoryInfo(GCKind.FullBlocking).PauseDurations[0].TotalMilliseconds:0} ms, last background #{GC.GetGCMemoryInfo(GCKind.Background).Index})"));
    }

    /// <summary>Every source every 60 s on many hosts, ~2,000 new matching items a minute, default politeness.</summary>
    private async Task SteadyAsync()
    {
        var path = Database("rounds");
        if (!File.Exists(path))
        {
            path = Database("steady");
        }

        await PostAsync("/control/etags?on=false");
        await PostAsync(string.Create(CultureInfo.InvariantCulture, $"/control/steady?perMinute={2000.0 / options.Sources}"));
        await using var bot = await StartBotAsync(path, options.Sources, "every 60s", jitter: TimeSpan.FromSeconds(60), politeness: true);

        // The first minute fills the pipeline: every source's first check, and the first digest window. Measured after a
        // minute and a half. Not "once the outbox is empty": with 2,000 new incidents a minute going out as digests once a
        // minute (DigestWindow), the outbox is seldom empty, and waiting for it could last for ever. What waits at the
        // start and at the end is printed instead, so a growing backlog shows.
        await Task.Delay(TimeSpan.FromSeconds(90));
        var waitingAtStart = bot.PendingOutbox();
        await PostAsync("/control/reset-requests");
        var stats = await StatsAsync();
        var (late, merged, started) = (bot.Timeliness.Late, bot.Timeliness.Merged, bot.Timeliness.Started);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _rss.Reset();
        using var tally = options.Allocations ? new AllocationTally() : null;
        var clock = Stopwatch.StartNew();
        // A line a minute: a delivery that falls behind shows as it falls behind, not only in the end figure.
        var minuteStats = stats;
        while (clock.Elapsed < TimeSpan.FromMinutes(options.Minutes))
        {
            var left = TimeSpan.FromMinutes(options.Minutes) - clock.Elapsed;
            await Task.Delay(left < TimeSpan.FromMinutes(1) ? left : TimeSpan.FromMinutes(1));
            var now = await StatsAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {clock.Elapsed.TotalMinutes:0.0} min: cards {now.Cards - minuteStats.Cards}{Percentiles([.. now.CardLatenciesMs.Skip(minuteStats.CardLatenciesMs.Length)])}; RSS {Mb(RssSampler.Current())} MB; LiteDB cache {bot.Database.CachedPages * 8 / 1024} MB; story index {bot.Stories.Count} appearances; waiting {bot.WaitingByChat()}"));
            minuteStats = now;
        }

        tally?.Print();
        var after = await StatsAsync();
        var checks = bot.Timeliness.Started - started;
        var latencies = after.CardLatenciesMs.Skip(stats.CardLatenciesMs.Length).ToArray();
        var requests = after.Requests;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"steady {options.Minutes:0.#} min, {options.Sources} sources every 60 s, jitter 60 s, politeness on: {checks} checks ({checks / clock.Elapsed.TotalMinutes:0} a minute); " +
            $"boards never asked {requests.NeverAsked}, fewest requests {requests.FewestRequests}, longest gap {requests.LongestGapSeconds:0.0} s; " +
            $"late {bot.Timeliness.Late - late}, merged (skipped) {bot.Timeliness.Merged - merged}; new matching cards {after.Cards - stats.Cards}{Percentiles(latencies)}; " +
            $"CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Math.Max(1, checks):0.00} ms/check; peak RSS {Mb(_rss.Peak)} MB"));
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  at the end: RSS {Mb(RssSampler.Current())} MB; managed heap {Mb(gc.HeapSizeBytes)} MB, committed {Mb(gc.TotalCommittedBytes)} MB, fragmented {Mb(gc.FragmentedBytes)} MB; outbox waiting {bot.PendingOutbox()} (at the start {waitingAtStart}); GC gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
    }

    /// <summary>Memory holding many incidents: seeded straight into the database file, then the bot started on it.</summary>
    private async Task HoldAsync()
    {
        var path = Database("hold");
        var seeded = Stopwatch.StartNew();
        IncidentSeed.Fill(path, options.Incidents);
        Console.WriteLine($"hold: seeded {options.Incidents} incidents in {seeded.Elapsed.TotalSeconds:0} s ({new FileInfo(path).Length / 1_048_576} MB file)");

        // The seeding ran in this process: give its garbage back before the worker starts, and measure the peak from here.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _rss.Reset();
        await using var bot = await StartBotAsync(path, 1, "every 1h", jitter: TimeSpan.Zero, politeness: false);
        await WaitAsync(() => bot.Timeliness.Finished >= 1, TimeSpan.FromMinutes(5));
        await Task.Delay(TimeSpan.FromSeconds(20));
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine($"hold: {options.Incidents} incidents, 1 source, 20 s after start: RSS {Mb(RssSampler.Current())} MB (peak during start {Mb(_rss.Peak)} MB; managed heap {Mb(gc.HeapSizeBytes)} MB, committed {Mb(gc.TotalCommittedBytes)} MB)");
        if (options.Verbose)
        {
            RssSampler.PrintTopMappings();
        }

        // The start-up catch-up (the deadline watch stepping the seed's months-overdue incidents, their reminders queued)
        // goes on for a while: a second reading a minute later says where memory is heading.
        await Task.Delay(TimeSpan.FromSeconds(40));
        gc = GC.GetGCMemoryInfo();
        Console.WriteLine($"hold: 60 s after start: RSS {Mb(RssSampler.Current())} MB (peak {Mb(_rss.Peak)} MB; managed heap {Mb(gc.HeapSizeBytes)} MB, committed {Mb(gc.TotalCommittedBytes)} MB; outbox waiting {bot.PendingOutbox()})");
        Console.WriteLine($"  waiting: {bot.WaitingByChat()}");
        if (options.LingerSeconds > 0)
        {
            Console.WriteLine($"  lingering {options.LingerSeconds} s (process {Environment.ProcessId}) for dotnet-gcdump or dotnet-counters");
            await Task.Delay(TimeSpan.FromSeconds(options.LingerSeconds));
        }
    }

    /// <summary>
    /// The published worker in its own process, as it ships (its own runtimeconfig, nothing of the load run loaded):
    /// 1 source, then N, each in a fresh process with the same settings the in-process phases use, written to an
    /// appsettings.json in its working directory; resident memory 30 s after the world served every board once.
    /// </summary>
    private async Task AloneAsync()
    {
        var worker = Path.GetFullPath(options.Worker ?? throw new ArgumentException("--phase alone needs --worker path/to/published/OpinionBot (or OpinionBot.dll)"));
        foreach (var count in new[] { 1, options.Sources })
        {
            await PostAsync("/control/new?threads=40&matchEvery=1000000000");
            var folder = Path.Combine(_folder, $"alone-{count}");
            Directory.CreateDirectory(folder);
            var settings = Settings(Path.Combine(folder, "opinionbot.db"), count, "every 1h", TimeSpan.Zero, politeness: false);
            await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), JsonSerializer.Serialize(settings));
            var info = new ProcessStartInfo(worker.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : worker)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = !options.Verbose,
                UseShellExecute = false,
            };
            if (worker.EndsWith(".dll", StringComparison.Ordinal))
            {
                info.ArgumentList.Add(worker);
            }

            var served = (await StatsAsync()).Served;
            using var process = Process.Start(info) ?? throw new InvalidOperationException("the worker did not start");
            if (!options.Verbose)
            {
                _ = process.StandardOutput.ReadToEndAsync();
            }

            try
            {
                var clock = Stopwatch.StartNew();
                while ((await StatsAsync()).Served < served + count)
                {
                    if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(5))
                    {
                        throw new InvalidOperationException($"the worker exited ({(process.HasExited ? process.ExitCode : -1)}) or did not check every board in 5 minutes");
                    }

                    await Task.Delay(200);
                }

                await Task.Delay(TimeSpan.FromSeconds(30));
                var status = await File.ReadAllLinesAsync($"/proc/{process.Id}/status");
                string Field(string name) => status.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(':')[1].Trim();
                if (options.Verbose)
                {
                    var smaps = Path.Combine(Path.GetTempPath(), $"opinionbot-loadrun-alone-smaps-{count}.txt");
                    File.WriteAllText(smaps, File.ReadAllText($"/proc/{process.Id}/smaps"));
                    Console.WriteLine($"  (the worker's map: {smaps})");
                }

                Console.WriteLine($"alone, the worker {Path.GetFileName(worker)} in its own process, {count} source(s), 30 s after the first checks: VmRSS {Field("VmRSS:")} (RssAnon {Field("RssAnon:")}, RssFile {Field("RssFile:")}; {Field("Threads:")} threads)");
            }
            finally
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
    }

    private async Task<Bot> StartBotAsync(string path, int sources, string schedule, TimeSpan jitter, bool politeness)
    {
        var settings = Settings(path, sources, schedule, jitter, politeness);
        // Its own empty settings file: an appsettings.json in the working directory (the repository's has a file log) is
        // not read. The worker's own console log shows what the run's log level lets through, once.
        var file = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(file, "{}");
        var host = OpinionBotHost.CreateBuilder(["--config", file], config => config.AddInMemoryCollection(settings)).Build();
        await host.StartAsync();
        return new Bot(host);
    }

    private Dictionary<string, string?> Settings(string path, int sources, string schedule, TimeSpan jitter, bool politeness)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = "123456:LOAD-RUN",
            ["Telegram:ApiBaseUrl"] = _addresses.Control,
            ["Telegram:PollTimeoutSeconds"] = "5",
            ["Storage:Path"] = path,
            ["Chats:Team"] = "-1001",
            ["Chats:Leadership"] = "-1002",
            ["Chats:Supervisors"] = "-1003",
            ["Access:Supervisors:0"] = "601",
            ["Access:Officers:0"] = "501",
            ["Fetching:AllowList:0"] = "127.0.0.0/8",
            ["Scheduling:Jitter"] = jitter.ToString("c", CultureInfo.InvariantCulture),
            ["Serilog:MinimumLevel:Default"] = options.Verbose ? "Information" : "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
            ["Serilog:MinimumLevel:Override:System"] = "Warning",
            ["Serilog:MinimumLevel:Override:Quartz"] = "Warning",
            ["Serilog:MinimumLevel:Override:OpinionBot.Reports.EvidenceBackup"] = "Error",
        };
        if (!politeness)
        {
            settings["Fetching:MinIntervalPerHost"] = "00:00:00";
            settings["Fetching:MaxConcurrencyPerHost"] = "8";
        }

        settings[$"Topics:{LoadWords.Topics}:Name"] = "重大专题";
        settings[$"Topics:{LoadWords.Topics}:Grade"] = "Major";
        settings[$"Topics:{LoadWords.Topics}:Keywords:0"] = LoadWords.Probe;
        for (var t = 0; t < LoadWords.Topics; t++)
        {
            settings[$"Topics:{t}:Name"] = $"专题{t}";
            for (var k = 0; k < LoadWords.WordsPerTopic; k++)
            {
                settings[$"Topics:{t}:Keywords:{k}"] = LoadWords.Keywords[t * LoadWords.WordsPerTopic + k];
            }
        }

        for (var s = 0; s < sources; s++)
        {
            var prefix = $"Sources:{s}:";
            settings[prefix + "Name"] = $"board{s}";
            settings[prefix + "Kind"] = "html";
            settings[prefix + "Url"] = $"{_addresses.Hosts[s % _addresses.Hosts.Length]}/board/{s}";
            settings[prefix + "Schedule"] = schedule;
            settings[prefix + "Selectors:Item"] = "tbody[id^=normalthread]";
            settings[prefix + "Selectors:Title"] = "a.xst";
            settings[prefix + "Selectors:Time"] = "td.by em";
            settings[prefix + "Selectors:Author"] = "td.by cite";
            settings[prefix + "Selectors:Replies"] = "td.num a";
            settings[prefix + "Selectors:Views"] = "td.num em";
        }

        return settings;
    }

    private string Database(string name) => Path.Combine(_folder, name, "opinionbot.db");

    private async Task StartWorldAsync()
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(LoadRun).Assembly.Location);
        }

        foreach (var arg in new[] { "--world", "--sources", options.Sources.ToString(CultureInfo.InvariantCulture), "--hosts", options.Hosts.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        _world = Process.Start(info) ?? throw new InvalidOperationException("the world process did not start");
        var line = await _world.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the world process said nothing");
        _addresses = JsonSerializer.Deserialize<WorldAddresses>(line) ?? throw new InvalidOperationException(line);
        _control.BaseAddress = new Uri(_addresses.Control);

        // Telegram is never cold: the fake Bot API's card path (reading a request, answering it) runs before the worker
        // starts, so the first cards' latency measures the worker, not the fake's first compiling.
        for (var i = 0; i < 3; i++)
        {
            using var card = new StringContent("{\"chat_id\":-1,\"text\":\"warm-up\",\"parse_mode\":\"HTML\"}", System.Text.Encoding.UTF8, "application/json");
            (await _control.PostAsync(new Uri("/bot0:warm-up/sendMessage", UriKind.Relative), card)).EnsureSuccessStatusCode();
        }
    }

    private async Task PostAsync(string path) => (await _control.PostAsync(new Uri(path, UriKind.Relative), null)).EnsureSuccessStatusCode();

    private async Task<WorldStats> StatsAsync() =>
        await _control.GetFromJsonAsync<WorldStats>(new Uri("/control/stats", UriKind.Relative)) ?? throw new InvalidOperationException("no stats");

    private static async Task WaitAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"still waiting after {limit}");
            }

            await Task.Delay(20);
        }
    }

    private static string Percentiles(double[] latencies)
    {
        if (latencies.Length == 0)
        {
            return "";
        }

        Array.Sort(latencies);
        double At(double q) => latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        return string.Create(CultureInfo.InvariantCulture, $"; item→card p50 {At(0.5) / 1000:0.000} s, p99 {At(0.99) / 1000:0.000} s, max {latencies[^1] / 1000:0.000} s");
    }

    private static long Mb(long bytes) => bytes / 1_048_576;

    public void Dispose()
    {
        _rss.Dispose();
        if (_world is { HasExited: false })
        {
            _world.StandardInput.Close();
            if (!_world.WaitForExit(5000))
            {
                _world.Kill();
            }
        }

        _world?.Dispose();
        _world = null;
        _control.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp; not worth failing the run.
        }
    }

    /// <summary>The bot host and the parts the run reads.</summary>
    private sealed class Bot(IHost host) : IAsyncDisposable
    {
        public CheckTimeliness Timeliness { get; } = host.Services.GetRequiredService<CheckTimeliness>();

        public OpinionDatabase Database { get; } = host.Services.GetRequiredService<OpinionDatabase>();

        public OpinionBot.Matching.StoryIndex Stories { get; } = host.Services.GetRequiredService<OpinionBot.Matching.StoryIndex>();

        public int PendingOutbox() => Database.Read(s => s.Outbox.WaitingCount());

        /// <summary>How long each new 重大 card waited in the outbox (queued → delivered), in the order they went.</summary>
        public string MajorCardWaits() => string.Join(", ", Database.Read(s => s.Outbox.DeliveredAfter(DateTimeOffset.MinValue))
            .Where(m => m.Opening == OpeningCard.Major).OrderBy(m => m.DeliveredAt)
            .Select(m => $"{m.ChatId}:{(m.DeliveredAt!.Value - m.CreatedAt).TotalMilliseconds:0}"));

        /// <summary>What waits, by chat: new cards, other cards, reminders, card edits, the rest.</summary>
        public string WaitingByChat() => string.Join("; ", Database.Read(s => s.Outbox.WaitingEntries())
            .GroupBy(e => e.ChatId).OrderBy(g => g.Key)
            .Select(g => $"chat {g.Key}: {g.Count(e => e.Opening is not null)} new cards " +
                         $"({g.Count(e => e.Opening == OpeningCard.Major)} 重大, {g.Count(e => e.Opening == OpeningCard.Negative)} negative), " +
                         $"{g.Count(e => e.Opening is null && e.Kind == OutboxKind.Send && e.IncidentId is not null)} other cards, " +
                         $"{g.Count(e => e.Reminder is not null)} reminders, {g.Count(e => e.Kind == OutboxKind.EditCard)} edits, " +
                         $"{g.Count(e => e.Opening is null && e.Reminder is null && e.Kind != OutboxKind.EditCard && !(e.Kind == OutboxKind.Send && e.IncidentId is not null))} other"));

        public async Task TriggerAllAsync(int sources)
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            for (var s = 0; s < sources; s++)
            {
                await scheduler.TriggerJob(SourceJobs.KeyOf($"board{s}"));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
