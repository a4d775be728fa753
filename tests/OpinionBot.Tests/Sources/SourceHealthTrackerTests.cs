using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class SourceHealthTrackerTests(SourceSiteFixture fixture) : IClassFixture<SourceSiteFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("health-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 20, 0, 0, 0, TimeSpan.Zero));

    private SourceHealthTracker Tracker(OpinionDatabase db) =>
        new(db, Options.Create(new FetchingOptions { FailureThreshold = 3 }), _time);

    [Fact]
    public void Record_ThreeFailuresThenMore_AnnouncesOnceThenRecoversOnce()
    {
        using var db = TestDatabases.Open(Path.Combine(_folder, "a.db"));
        var tracker = Tracker(db);
        var start = _time.GetUtcNow();
        var changes = new List<HealthChange?>();

        for (var i = 0; i < 6; i++)
        {
            changes.Add(tracker.Record("board", ReadOutcome.Failed($"HTTP 500 #{i}")));
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        changes.Add(tracker.Record("board", new ReadOutcome(true, 4, false, null)));
        changes.Add(tracker.Record("board", new ReadOutcome(true, 4, false, null)));

        Assert.Equal([null, null, HealthChangeKind.NowFailing, null, null, null, HealthChangeKind.Recovered, null], changes.Select(c => c?.Kind));
        var failing = changes[2]!;
        Assert.Equal(start, failing.Since);
        Assert.Equal("HTTP 500 #2", failing.LastError);
        Assert.Contains("HTTP 500 #2", failing.Describe(Strings.Chinese), StringComparison.Ordinal);
        Assert.Contains("1 h 0 min", changes[6]!.Describe(Strings.English), StringComparison.Ordinal);
    }

    [Fact]
    public void Record_FailuresInterruptedBySuccess_DoNotAnnounce()
    {
        using var db = TestDatabases.Open(Path.Combine(_folder, "b.db"));
        var tracker = Tracker(db);

        var changes = new[]
        {
            tracker.Record("s", ReadOutcome.Failed("x")), tracker.Record("s", ReadOutcome.Failed("x")),
            tracker.Record("s", new ReadOutcome(true, 1, false, null)), tracker.Record("s", ReadOutcome.Failed("x")),
            tracker.Record("s", ReadOutcome.Failed("x")),
        };

        Assert.All(changes, Assert.Null);
    }

    [Fact]
    public async Task Record_BoardRedesignedOverHttp_AnnouncesRedesignOnceAndRecovery()
    {
        using var db = TestDatabases.Open(Path.Combine(_folder, "c.db"));
        var tracker = Tracker(db);
        using var fetcher = SourceSiteFixture.Fetcher();
        var reader = new SourceReader(fetcher, Options.Create(new FetchingOptions()), _time, NullLogger<SourceReader>.Instance);
        var source = new SourceDefinition { Name = "board", Kind = SourceKinds.Html, Url = fixture.Site.Url("/board").AbsoluteUri, Selectors = SourceFixtures.Discuz };

        async Task<HealthChange?> Poll() => tracker.Record(source.Name, ReadOutcome.From(await reader.ReadAsync(source, [], CancellationToken.None)));

        var before = await Poll();
        fixture.Site.Redesigned = true;
        var redesign = await Poll();
        var again = await Poll();
        fixture.Site.Redesigned = false;
        var recovered = await Poll();

        Assert.Null(before);
        Assert.Equal(HealthChangeKind.Redesign, redesign?.Kind);
        Assert.Contains("改版", redesign!.Describe(Strings.Chinese), StringComparison.Ordinal);
        Assert.Null(again);
        Assert.Equal(HealthChangeKind.Recovered, recovered?.Kind);
    }

    [Fact]
    public void Record_SurvivesRestart_KeepsCountInDatabase()
    {
        var path = Path.Combine(_folder, "d.db");
        using (var db = TestDatabases.Open(path))
        {
            Tracker(db).Record("s", ReadOutcome.Failed("x"));
            Tracker(db).Record("s", ReadOutcome.Failed("x"));
        }

        using var reopened = TestDatabases.Open(path);

        Assert.Equal(HealthChangeKind.NowFailing, Tracker(reopened).Record("s", ReadOutcome.Failed("y"))?.Kind);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
