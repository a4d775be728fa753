using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OpinionBot.Tests.Monitoring;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Hosting;

/// <summary>
/// The built worker in its own process: it tells systemd READY=1 and STOPPING=1 over <c>NOTIFY_SOCKET</c> (the unit is
/// Type=notify), writes journald priorities under systemd, one JSON object per line with <c>Logging:Console=json</c>,
/// and keeps its database and logs where the settings say (as the container image sets them).
/// </summary>
public sealed class SystemdAndLogTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opinionbot-process", Guid.NewGuid().ToString("N"));
    private FakeBotApi _api = null!;
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _api = await FakeBotApi.StartAsync();
        _site = await TestSite.StartAsync();
        _site.Set("/feed.xml", TestFeeds.Rss(("县医院被患者投诉乱收费", _site.Url("/n/1"), DateTimeOffset.UtcNow, "投诉")));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _site.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task UnderSystemd_SendsReadyThenStopping_AndLogsWithJournalPriorities()
    {
        var socketPath = Path.Combine(_folder, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        var environment = Settings();
        environment["NOTIFY_SOCKET"] = socketPath;
        environment["JOURNAL_STREAM"] = "8:12345";

        await using var worker = BuiltWorker.Start(_folder, environment);
        Assert.Equal("READY=1", await ReceiveAsync(notify, worker));
        await _api.WaitUntilAsync(() => _api.Messages(-1001).Count == 1, Patience);
        await worker.TerminateAsync(Patience);

        Assert.Equal("STOPPING=1", await ReceiveAsync(notify, worker));
        Assert.Equal(0, worker.ExitCode);
        var lines = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("<6>", StringComparison.Ordinal) && l.Contains("Checked 县新闻", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"^<\d>", l));
        Assert.True(File.Exists(Path.Combine(_folder, "data", "opinionbot.db")), worker.Output);
    }

    [Fact]
    public async Task WithoutSystemd_SendsNothing_AndJsonLogsAreOneObjectPerLine_FileLogsGoWhereTheImageSaysSo()
    {
        var environment = Settings();
        environment["Logging__Console"] = "json";
        // As the Dockerfile sets them: the database and the file logs on the data volume.
        environment["Storage__Path"] = Path.Combine(_folder, "volume", "opinionbot.db");
        environment["Serilog__WriteTo__0__Name"] = "File";
        environment["Serilog__WriteTo__0__Args__path"] = Path.Combine(_folder, "volume", "logs", "opinionbot-.log");

        // As compose runs it: health and metrics on every interface, probed by the image's own `health` command.
        environment["Monitoring__Listen"] = $"*:{LocalEndpoints.FreePort()}";

        await using var worker = BuiltWorker.Start(_folder, environment);
        await _api.WaitUntilAsync(() => _api.Messages(-1001).Count == 1 || worker.HasExited, Patience);
        Assert.False(worker.HasExited, worker.Output);
        await _api.WaitUntilAsync(() => worker.Output.Contains("Checked", StringComparison.Ordinal), Patience);
        var (probe, answer) = await BuiltWorker.RunToEndAsync(_folder, environment, ["health"], Patience);
        Assert.True(probe == 0, answer);
        Assert.Contains("\"status\":\"ok\"", answer, StringComparison.Ordinal);
        await worker.TerminateAsync(Patience);
        var (stopped, _) = await BuiltWorker.RunToEndAsync(_folder, environment, ["health"], Patience);
        Assert.Equal(1, stopped);

        Assert.Equal(0, worker.ExitCode);
        var lines = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("@t", out _), line);
            Assert.True(json.RootElement.TryGetProperty("@m", out _), line);
        }

        Assert.Contains(lines, l => l.Contains("\"Source\":\"县新闻\"", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_folder, "volume", "opinionbot.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder, "volume", "logs"), "opinionbot-*.log"));
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Telegram__Token"] = FakeBotApi.DefaultToken,
        ["Telegram__ApiBaseUrl"] = _api.BaseUrl,
        ["Telegram__PollTimeoutSeconds"] = "1",
        ["Chats__Team"] = "-1001",
        ["Storage__Path"] = Path.Combine(_folder, "data", "opinionbot.db"),
        // The worker reads no sample settings: the test names its own source and topic.
        ["Sources__0__Name"] = "县新闻",
        ["Sources__0__Kind"] = "feed",
        ["Topics__0__Name"] = "医院投诉",
        ["Topics__0__Keywords__0"] = "投诉",
        ["Sources__0__Url"] = _site.Url("/feed.xml"),
        ["Sources__0__Schedule"] = "every 1s",
        ["Fetching__AllowList__0"] = "127.0.0.0/8",
        ["Scheduling__Jitter"] = "00:00:00",
        ["Serilog__WriteTo__0__Name"] = "File",
        ["Serilog__WriteTo__0__Args__path"] = Path.Combine(_folder, "logs", "opinionbot-.log"),
    };

    private static async Task<string> ReceiveAsync(Socket socket, BuiltWorker worker)
    {
        var buffer = new byte[1024];
        using var deadline = new CancellationTokenSource(Patience);
        try
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            return Encoding.UTF8.GetString(buffer, 0, read).Trim();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Nothing on NOTIFY_SOCKET within {Patience.TotalSeconds} s (exited: {worker.HasExited}). Output:\n{worker.Output}");
        }
    }
}
