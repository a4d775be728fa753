using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpinionBot.LoadRun;

/// <summary>
/// <c>--phase smoke --worker PATH</c>: does a published worker (the JIT build or the Native AOT binary) really work?
/// It runs the worker in its own process against the world's boards and fake Bot API, waits for incident cards, then
/// types commands and presses a card's button as people would, and says what came back. Exit code 1 when any step got
/// no answer (the evidence step wants a screenshot when the worker found a browser); the worker's log is kept in /tmp.
/// </summary>
internal sealed partial class LoadRun
{
    private const long Team = -1001;
    private const long Officer = 501;
    private const long Supervisor = 601;

    private bool _failed;

    private async Task SmokeAsync()
    {
        var worker = Path.GetFullPath(options.Worker ?? throw new ArgumentException("--phase smoke needs --worker path/to/published/OpinionBot (or OpinionBot.dll)"));
        const int sources = 3;
        await PostAsync("/control/record?on=true");
        await PostAsync("/control/new?threads=40&matchEvery=8");
        var folder = Path.Combine(_folder, "smoke");
        Directory.CreateDirectory(folder);
        var settings = Settings(Path.Combine(folder, "opinionbot.db"), sources, "every 1h", TimeSpan.Zero, politeness: false);
        settings["Serilog:MinimumLevel:Default"] = "Information";
        settings["Serilog:MinimumLevel:Override:OpinionBot.Reports.EvidenceBackup"] = "Information";
        var monitoring = FreeLoopbackPort();
        settings["Monitoring:Listen"] = monitoring;
        await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), JsonSerializer.Serialize(settings));
        var log = Path.Combine(Path.GetTempPath(), $"opinionbot-smoke-{Path.GetFileName(Path.GetDirectoryName(worker))}-{Path.GetFileName(worker)}.log");
        var info = new ProcessStartInfo(worker.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : worker)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (worker.EndsWith(".dll", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(worker);
        }

        var failures = new List<string>();
        var started = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("the worker did not start");
        await using var logFile = new StreamWriter(log) { AutoFlush = true };
        var output = Task.WhenAll(CopyAsync(process.StandardOutput, logFile), CopyAsync(process.StandardError, logFile));
        try
        {
            // Cards: the first checks open incidents (1 item in 8 matches a topic) and the sender delivers them.
            var cards = await UntilAsync(calls => calls.Where(c => Method(c) == "sendMessage" && Text(c).Contains('【', StringComparison.Ordinal)).ToList(), found => found.Count > 0, process, TimeSpan.FromMinutes(2));
            Say(cards.Count > 0, $"{cards.Count} incident card(s) sent {started.Elapsed.TotalSeconds:0} s after start", failures);
            if (cards.Count == 0)
            {
                return;
            }

            // Let the first round's cards go out, so the answers below are told apart from them.
            await QuietAsync(process);
            await AskAsync(process, Supervisor, "/status", "sendMessage", failures);
            await AskAsync(process, Officer, "/incidents", "sendMessage", failures);
            await AskAsync(process, Officer, "/help", "sendMessage", failures);

            // A card's first button, pressed by an officer: the bot answers the press (and edits or replies).
            var card = (await CallsAsync()).First(c => Method(c) == "sendMessage" && Text(c).Contains('【', StringComparison.Ordinal) && Button(c) is not null);
            var before = (await CallsAsync()).Count;
            await PostAsync(string.Create(CultureInfo.InvariantCulture, $"/control/press?chat={Team}&from={Officer}&message={card["result_message_id"]}&data={Uri.EscapeDataString(Button(card)!)}"));
            var press = await UntilAsync(calls => calls.Skip(before).Where(c => Method(c) == "answerCallbackQuery").ToList(), found => found.Count > 0, process, TimeSpan.FromSeconds(30));
            Say(press.Count > 0, $"button \"{Button(card)}\" pressed: {Describe((await CallsAsync()).Skip(before))}", failures);

            // Health and metrics, and the `health` command a container's health check runs.
            using (var http = new HttpClient())
            {
                var health = await http.GetAsync(new Uri($"http://{monitoring}/healthz"));
                var healthBody = await health.Content.ReadAsStringAsync();
                Say(health.IsSuccessStatusCode && healthBody.Contains("\"status\"", StringComparison.Ordinal), $"/healthz: {(int)health.StatusCode} {healthBody[..Math.Min(120, healthBody.Length)]}", failures);
                var metrics = await http.GetStringAsync(new Uri($"http://{monitoring}/metrics"));
                Say(metrics.Contains("opinionbot_", StringComparison.Ordinal), $"/metrics: {metrics.Split('\n').Count(l => l.StartsWith("opinionbot_", StringComparison.Ordinal))} opinionbot_ sample lines", failures);
            }

            var probe = new ProcessStartInfo(info.FileName) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in info.ArgumentList.Concat(["health", monitoring]))
            {
                probe.ArgumentList.Add(arg);
            }

            using (var healthCommand = Process.Start(probe)!)
            {
                var said = await healthCommand.StandardOutput.ReadToEndAsync();
                await healthCommand.WaitForExitAsync();
                Say(healthCommand.ExitCode == 0, $"`health {monitoring}`: exit {healthCommand.ExitCode}, {said.Trim()[..Math.Min(100, said.Trim().Length)]}", failures);
            }

            // Documents: the ledger (Excel through OpenXml, and CSV), a special report (Word and PDF), the daily and weekly
            // reports (the weekly one with a chart), an incident's evidence (with Chromium installed: a screenshot too).
            await AskAsync(process, Officer, "/ledger", "sendDocument", failures);
            await AskAsync(process, Officer, "/ledger csv", "sendDocument", failures);
            // With a CJK font installed the special report also goes out as a PDF (drawn with Skia).
            await AskAsync(process, Officer, "/special 1", "sendDocument", failures, want: Directory.Exists("/usr/share/fonts/opentype/noto") ? 2 : 1);
            await AskAsync(process, Officer, "/report daily", "sendMessage", failures);
            await AskAsync(process, Officer, "/report weekly", "sendPhoto", failures); // the trend chart (ScottPlot, Skia)
            // With a browser, the evidence has a screenshot, sent first as a photo; without one, the raw page and its text.
            var browser = File.ReadAllText(log).Contains("evidence gets full-page screenshots", StringComparison.Ordinal);
            await AskAsync(process, Officer, "/evidence 1", browser ? "sendPhoto" : "sendDocument", failures);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // Chromium too, which holds the worker's output open
            }

            await process.WaitForExitAsync();
            await output;
            var lines = File.ReadAllLines(log);
            var problems = lines.Where(l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("[FTL]", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).ToList();
            Console.WriteLine($"smoke: the worker's log ({lines.Length} lines, {problems.Count} with an error or exception): {log}");
            foreach (var line in problems.Take(20))
            {
                Console.WriteLine("  " + (line.Length > 300 ? line[..300] + "…" : line));
            }

            Console.WriteLine(failures.Count == 0 ? "smoke: passed" : $"smoke: FAILED ({string.Join("; ", failures)})");
            if (failures.Count > 0)
            {
                _failed = true;
            }
        }

    }

    private static string FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return $"127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
    }

    /// <summary>Types a command in the team chat and waits up to 60 s for the worker to answer it with that method (want times).</summary>
    private async Task AskAsync(Process process, long from, string text, string method, List<string> failures, int want = 1)
    {
        var before = (await CallsAsync()).Count;
        await PostAsync(string.Create(CultureInfo.InvariantCulture, $"/control/message?chat={Team}&from={from}&text={Uri.EscapeDataString(text)}"));
        var answers = await UntilAsync(calls => calls.Skip(before).Where(c => Method(c) == method).ToList(), found => found.Count >= want, process, TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        Say(answers.Count >= want, $"{text}: {Describe((await CallsAsync()).Skip(before))}", failures);
    }

    private async Task QuietAsync(Process process)
    {
        var count = -1;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited)
        {
            var now = (await CallsAsync()).Count;
            if (now == count)
            {
                return;
            }

            count = now;
            await Task.Delay(5000);
        }
    }

    private async Task<List<JsonObject>> UntilAsync(Func<List<JsonObject>, List<JsonObject>> pick, Func<List<JsonObject>, bool> done, Process process, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = pick(await CallsAsync());
            if (done(found) || clock.Elapsed > limit || process.HasExited)
            {
                return found;
            }

            await Task.Delay(250);
        }
    }

    private async Task<List<JsonObject>> CallsAsync()
    {
        var text = await _control.GetStringAsync(new Uri("/control/calls", UriKind.Relative));
        return [.. (JsonNode.Parse(text) as JsonArray ?? []).OfType<JsonObject>()];
    }

    private static void Say(bool ok, string what, List<string> failures)
    {
        Console.WriteLine($"smoke: {(ok ? "ok  " : "FAIL")} {what}");
        if (!ok)
        {
            failures.Add(what.Split(':')[0]);
        }
    }

    private static string Method(JsonObject call) => call["method"]?.GetValue<string>() ?? "";

    private static string Text(JsonObject call) => call["text"]?.ToString() ?? call["caption"]?.ToString() ?? "";

    private static string? Button(JsonObject call)
    {
        var markup = call["reply_markup"] is JsonValue value ? JsonNode.Parse(value.ToString()) : call["reply_markup"];
        return markup?["inline_keyboard"]?[0]?[0]?["callback_data"]?.ToString();
    }

    /// <summary>The calls as "method → chat: first words" (files as their name and size), for the run's output.</summary>
    private static string Describe(IEnumerable<JsonObject> calls)
    {
        var lines = calls.Select(c =>
        {
            var file = c.Where(p => p.Key.StartsWith("file:", StringComparison.Ordinal)).Select(p => p.Value?.ToString()).FirstOrDefault();
            var text = Text(c).ReplaceLineEndings(" ");
            text = text.Length > 80 ? text[..80] + "…" : text;
            return $"{Method(c)} → {c["chat_id"]?.ToString() ?? c["callback_query_id"]?.ToString() ?? "?"}{(file is null ? "" : $" [{file}]")}{(text.Length > 0 ? $": {text}" : "")}";
        }).ToList();
        return lines.Count == 0 ? "nothing" : string.Join(" | ", lines);
    }

    private static async Task CopyAsync(StreamReader from, StreamWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            lock (to)
            {
                to.WriteLine(line);
            }
        }
    }
}
