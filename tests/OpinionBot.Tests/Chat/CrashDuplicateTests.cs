using System.Diagnostics;
using OpinionBot.Chat;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Chat;

/// <summary>
/// The built worker (OpinionBot.dll) in its own process, killed with SIGKILL again and again while it sends a stream of
/// cards: nothing is lost, and every card that arrives twice says so on its second copy (重发).
/// </summary>
public sealed class CrashDuplicateTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long TeamChat = -1001;
    private const int Cards = 100;
    private const int Kills = 20;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opinionbot-tests", Guid.NewGuid().ToString("N"));
    private FakeBotApi _api = null!;
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _api = await FakeBotApi.StartAsync();
        _site = await TestSite.StartAsync();
        _site.Set("/feed.xml", TestFeeds.Rss());
        // Telegram takes the message, then answers late: the window in which a crash leaves a card in doubt.
        _api.ReplyDelay = TimeSpan.FromMilliseconds(40);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _site.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A locked temp file is not worth failing a test over.
        }
    }

    [Fact]
    public async Task TwentyKillsDuringAHundredCards_NoneLost_EveryDoubleMarked()
    {
        var database = Path.Combine(_folder, "opinionbot.db");
        using (var db = TestDatabases.Open(database))
        {
            var outbox = new Outbox(db, TimeProvider.System);
            db.Write(_ =>
            {
                for (var i = 1; i <= Cards; i++)
                {
                    outbox.Send(TeamChat, $"<b>卡片 #{i:000}</b>", [[new ButtonSpec("认领", $"c:{i}")]], incidentId: i);
                }
            });
        }

        var random = new Random(42);
        var kills = 0;
        var clock = Stopwatch.StartNew();
        while (kills < Kills && Sent() < Cards)
        {
            using var worker = Start(database);
            try
            {
                var before = SendCalls();
                // Killed a few calls in, at a random moment: often while a card is with Telegram and not yet recorded.
                var target = before + random.Next(1, 5);
                await _api.WaitUntilAsync(() => SendCalls() >= target || Sent() >= Cards || worker.HasExited, TimeSpan.FromSeconds(60));
                await Task.Delay(random.Next(0, 45));
                Assert.False(worker.HasExited, "The worker stopped by itself.");
            }
            finally
            {
                await KillAsync(worker); // SIGKILL on Linux: no shutdown code runs
            }

            kills++;
        }

        using (var last = Start(database))
        {
            try
            {
                await _api.WaitUntilAsync(() => Sent() >= Cards, TimeSpan.FromSeconds(60));
                await Task.Delay(300); // a double still on its way would show now
            }
            finally
            {
                await KillAsync(last);
            }
        }

        var copies = Enumerable.Range(1, Cards)
            .Select(i => _api.Messages(TeamChat).Where(m => m.Text!.Contains($"卡片 #{i:000}", StringComparison.Ordinal)).ToList()).ToList();
        var doubles = copies.Sum(c => c.Count - 1);
        var marked = copies.Sum(c => c.Count(m => m.Text!.StartsWith("(重发)", StringComparison.Ordinal)));
        output.WriteLine($"{kills} kills during {Cards} cards in {clock.Elapsed.TotalSeconds:0} s: 0 lost, {doubles} sent twice, {marked} re-sent marked (重发)");
        Assert.Equal(Kills, kills);
        Assert.All(copies, c => Assert.NotEmpty(c));
        // Every repeat is a marked one: people see it is the same incident, not a new one.
        Assert.All(copies.Where(c => c.Count > 1), c => Assert.All(c.Skip(1), m => Assert.StartsWith("(重发)", m.Text, StringComparison.Ordinal)));
        // A killed worker's in-flight card is re-sent with its buttons, so the new copy works like the first.
        Assert.All(copies.SelectMany(c => c), m => Assert.NotEmpty(m.Buttons));
    }

    /// <summary>How many different cards have arrived at least once.</summary>
    private int Sent() =>
        _api.Messages(TeamChat).Select(m => m.Text is { } text && text.IndexOf("卡片 #", StringComparison.Ordinal) is var at and >= 0 ? text.Substring(at, 7) : null)
            .Where(card => card is not null).Distinct().Count();

    private static async Task KillAsync(Process worker)
    {
        if (!worker.HasExited)
        {
            worker.Kill();
        }

        await worker.WaitForExitAsync();
    }

    private int SendCalls() => _api.Requests("sendMessage").Count;

    /// <summary>
    /// The worker as its own build left it (src/OpinionBot/bin/{configuration}/{framework}): the copy beside the tests
    /// lacks the worker's own dependencies that the test project gets from the ASP.NET Core framework instead.
    /// </summary>
    private static string WorkerDll()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = tests.Name;
        var configuration = tests.Parent!.Name;
        var root = tests.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "OpinionBot", "bin", configuration, framework, "OpinionBot.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first: the worker is not at " + dll);
    }

    /// <summary>Starts OpinionBot.dll as built beside the tests, on loopback only, in its own working folder.</summary>
    private Process Start(string database)
    {
        var dll = WorkerDll();
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "exec", dll,
                     "--Telegram:Token=" + _api.Token, "--Telegram:ApiBaseUrl=" + _api.BaseUrl, "--Telegram:PollTimeoutSeconds=1",
                     "--Chats:Team=" + TeamChat,
                     "--Sources:0:Name=测试源", "--Sources:0:Kind=feed",
                     "--Sources:0:Url=" + _site.BaseUrl + "/feed.xml", "--Sources:0:Schedule=every 1h",
                     // Pacing would spread 100 cards over five minutes; the test is about crashes, not the flood limits.
                     "--Delivery:GroupMessagesPerMinute=100000", "--Delivery:MessagesPerSecond=100000",
                     "--Delivery:DigestAbove=100000",
                     "--Fetching:AllowList:0=127.0.0.0/8", "--Serilog:MinimumLevel:Default=Warning",
                 }.Concat(TestDatabases.Arguments(database)))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            try
            {
                if (line.Data is { Length: > 0 } text)
                {
                    output.WriteLine("worker: " + text);
                }
            }
            catch (InvalidOperationException)
            {
                // A line after the test ended has nowhere to go.
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
