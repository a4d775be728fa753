using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpinionBot.Hosting;
using OpinionBot.Scheduling;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Scheduling;

/// <summary>
/// The worker runs its check pipeline once on built-in samples before the first checks can fire (its effect on the first
/// round's 重大 cards is measured by the load run, bench/README.md), and the samples leave nothing behind.
/// </summary>
public sealed class FirstRoundWarmUpTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-warmup-").FullName;

    [Fact]
    public void TheWarmUpStarts_BeforeTheCheckLanesAndTheScheduler()
    {
        using var host = Build(("html", "http://127.0.0.1:9/list"));
        var started = host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        var warmUp = started.IndexOf(nameof(FirstRoundWarmUp));
        Assert.True(warmUp >= 0, "the warm-up is not a hosted service");
        Assert.True(warmUp < started.IndexOf(nameof(CheckLanes)), string.Join(", ", started));
        Assert.True(warmUp < started.FindIndex(n => n.Contains("Quartz", StringComparison.Ordinal)), string.Join(", ", started));
    }

    [Fact]
    public void TheSamples_GoThroughParsingAndMatching_AndNothingIsStoredOrQueued()
    {
        // The topic's keyword is in the samples: they match, and still open no incident and queue no card.
        using var host = Build(("html", "http://127.0.0.1:9/list"), ("feed", "http://127.0.0.1:9/feed.xml"));
        var db = host.Services.GetRequiredService<OpinionDatabase>();

        var judged = host.Services.GetRequiredService<FirstRoundWarmUp>().Run();

        Assert.Equal(3, judged); // two list threads and one feed entry
        Assert.Equal(0, db.Read(s => s.SeenItems.Count()));
        Assert.Empty(db.Read(s => s.Incidents.After(0)));
        Assert.Equal(0, db.Read(s => s.Outbox.WaitingCount()));
    }

    [Fact]
    public void OnlyTheParsersOfConfiguredKinds_Run()
    {
        using var feedsOnly = Build(("feed", "http://127.0.0.1:9/feed.xml"));
        Assert.Equal(1, feedsOnly.Services.GetRequiredService<FirstRoundWarmUp>().Run());

        using var none = Build();
        Assert.Equal(0, none.Services.GetRequiredService<FirstRoundWarmUp>().Run());
    }

    private IHost Build(params (string Kind, string Url)[] sources)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = "123456:TEST-TOKEN",
            ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Storage:Path"] = Path.Combine(_folder, $"{Guid.NewGuid():N}.db"),
            ["Chats:Team"] = "-1001",
            ["Topics:0:Name"] = "民生",
            ["Topics:0:Keywords:0"] = "投诉",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        for (var i = 0; i < sources.Length; i++)
        {
            settings[$"Sources:{i}:Name"] = $"source{i}";
            settings[$"Sources:{i}:Kind"] = sources[i].Kind;
            settings[$"Sources:{i}:Url"] = sources[i].Url;
            settings[$"Sources:{i}:Schedule"] = "every 1h";
            if (sources[i].Kind == "html")
            {
                settings[$"Sources:{i}:Selectors:Item"] = "li";
            }
        }

        var file = Path.Combine(_folder, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{}");
        // Built, not started: the test runs the warm-up itself.
        return OpinionBotHost.CreateBuilder(["--config", file], config => config.AddInMemoryCollection(TestDatabases.Use(settings))).Build();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
