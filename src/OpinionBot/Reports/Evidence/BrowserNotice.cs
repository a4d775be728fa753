namespace OpinionBot.Reports.Evidence;

/// <summary>Says once, when the worker starts, whether evidence gets screenshots and PDF prints from a browser.</summary>
public sealed class BrowserNotice(PageBrowser browser, ILogger<BrowserNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (browser.Available)
        {
            logger.LogInformation("Browser {Path}: evidence gets full-page screenshots and PDF prints", browser.ExecutablePath);
        }
        else
        {
            logger.LogWarning("{Notice}", Text.Strings.English.BrowserOff);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
