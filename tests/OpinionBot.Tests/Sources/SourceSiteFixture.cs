using Microsoft.Extensions.Options;
using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Sources;

/// <summary>One <see cref="SourceTestSite"/> per test class.</summary>
public sealed class SourceSiteFixture : IAsyncLifetime
{
    internal SourceTestSite Site { get; private set; } = null!;

    public async Task InitializeAsync() => Site = await SourceTestSite.StartAsync();

    public async Task DisposeAsync() => await Site.DisposeAsync();

    /// <summary>A fetcher that may reach the loopback site, with short limits so hostile tests finish fast.</summary>
    internal static SafeFetcher Fetcher(Action<FetchingOptions>? configure = null)
    {
        var options = new FetchingOptions
        {
            AllowList = ["127.0.0.0/8"],
            MinIntervalPerHost = TimeSpan.Zero,
            MaxConcurrencyPerHost = 4,
            Timeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        return new SafeFetcher(Options.Create(options), TimeProvider.System);
    }
}
