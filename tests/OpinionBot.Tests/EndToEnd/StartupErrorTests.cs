using System.Diagnostics;
using Xunit;

namespace OpinionBot.Tests.EndToEnd;

/// <summary>The real worker process, started with bad settings, says what to fix in one sentence and exits non-zero.</summary>
public sealed class StartupErrorTests
{
    [Fact]
    public async Task MissingToken_StopsWithOneClearSentence()
    {
        var (code, error) = await RunWorkerAsync(new() { ["Telegram__Token"] = "" });

        Assert.NotEqual(0, code);
        Assert.Contains("Telegram:Token is missing", error);
        Assert.Contains("@BotFather", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task BadSchedule_NamesTheSettingAndHowToFixIt()
    {
        var (code, error) = await RunWorkerAsync(new()
        {
            ["Telegram__Token"] = "123456:TEST-TOKEN",
            ["Chats__Team"] = "-1001",
            ["Sources__0__Name"] = "县新闻",
            ["Sources__0__Url"] = "http://127.0.0.1:9/feed.xml",
            ["Sources__0__Schedule"] = "every banana",
        });

        Assert.NotEqual(0, code);
        Assert.Contains("Sources:0:Schedule 'every banana'", error);
        Assert.Contains("every 10m", error);
        Assert.DoesNotContain("   at ", error);
    }

    private static async Task<(int Code, string Error)> RunWorkerAsync(Dictionary<string, string> environment)
    {
        // The worker's own build output (with its own deps and runtimeconfig), same configuration as this test run.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/', '\\')).Parent!.Name;
        var root = WorkerProcess.RepositoryRoot();
        var workerDll = Path.Combine(root, "src", "OpinionBot", "bin", configuration, "net10.0", "OpinionBot.dll");
        var folder = Directory.CreateTempSubdirectory("opinionbot-startup").FullName;
        var start = new ProcessStartInfo("dotnet", ["exec", workerDll])
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["Storage__Path"] = Path.Combine(folder, "bot.db");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await error);
    }
}
