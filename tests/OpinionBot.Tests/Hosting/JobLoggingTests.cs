using OpinionBot.Tests.EndToEnd;
using Xunit;

namespace OpinionBot.Tests.Hosting;

/// <summary>A failing source check logs the whole exception, so a bug in intake can be found from the log alone.</summary>
public sealed class JobLoggingTests : IAsyncLifetime
{
    private readonly string _logs = Path.Combine(Path.GetTempPath(), "opinionbot-logs", Guid.NewGuid().ToString("N"));
    private BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.CreateAsync();
        _bot.Settings["Serilog:WriteTo:0:Name"] = "File";
        _bot.Settings["Serilog:WriteTo:0:Args:path"] = Path.Combine(_logs, "bot-.log");
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        Directory.Delete(_logs, recursive: true);
    }

    [Fact]
    public async Task FailingCheck_LogsTheStackTrace_NotOnlyTheMessage()
    {
        await _bot.StartAsync(); // the feed is never published: each check fails with 404

        var log = "";
        await _bot.Api.WaitUntilAsync(() => (log = ReadLog()).Contains("Checking 县新闻 failed", StringComparison.Ordinal) &&
                                            log.Contains("   at OpinionBot.", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var failure = log[log.IndexOf("Checking 县新闻 failed", StringComparison.Ordinal)..];
        Assert.Matches(@"Checking 县新闻 failed[^\n]*\n\S*Exception: [^\n]*\n +at OpinionBot\.", failure);
    }

    private string ReadLog()
    {
        if (!Directory.Exists(_logs))
        {
            return "";
        }

        return string.Concat(Directory.GetFiles(_logs).Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }
}
