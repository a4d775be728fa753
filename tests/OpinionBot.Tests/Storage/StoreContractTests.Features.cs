using OpinionBot.Matching;
using OpinionBot.Reports;
using OpinionBot.Scheduling;
using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>The feature stores of sources, matching, scheduling and evidence.</summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public void SeenItems_Seen_AnswersForAWholeListInOneCall()
    {
        var db = Open();
        db.Write(s => s.SeenItems.Remember([Seen("https://a.example.invalid/1"), Seen("https://a.example.invalid/2")]));

        var seen = db.Read(s => s.SeenItems.Seen(["https://a.example.invalid/1", "https://a.example.invalid/3", "https://a.example.invalid/1"]));

        Assert.Equal(["https://a.example.invalid/1"], seen);
        Assert.True(db.Read(s => s.SeenItems.HasSeen("https://a.example.invalid/2")));
        Assert.False(db.Read(s => s.SeenItems.HasSeen("https://a.example.invalid/3")));
        Assert.Equal(2, db.Read(s => s.SeenItems.Count()));
    }

    [SkippableFact]
    public void SeenItems_Seen_ComparesUrlsAsAnIdLookupDoes_IgnoringCase()
    {
        var db = Open();
        db.Write(s => s.SeenItems.Remember([Seen("https://a.example.invalid/Thread-1")]));

        var asked = new[] { "HTTPS://A.EXAMPLE.INVALID/thread-1", "https://a.example.invalid/Thread-1", "https://a.example.invalid/thread-2" };
        var seen = db.Read(s => s.SeenItems.Seen(asked));

        // Each asked spelling of a stored URL is answered as itself, exactly as one lookup per URL answered it.
        Assert.Equal(asked.Where(url => db.Read(s => s.SeenItems.HasSeen(url))).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(2, seen.Count);
        Assert.Empty(db.Read(s => s.SeenItems.Seen([])));
        Assert.Empty(db.Read(s => s.SeenItems.Seen(["https://a.example.invalid/thread-3"])));
    }

    [SkippableFact]
    public void SeenItems_RememberInAReadSession_IsRefused()
    {
        var db = Open();

        Assert.Throws<InvalidOperationException>(() => db.Read(s =>
        {
            s.SeenItems.Remember([Seen("https://a.example.invalid/1")]);
            return 0;
        }));
        Assert.Equal(0, db.Read(s => s.SeenItems.Count()));
    }

    [SkippableFact]
    public void FetchValidators_Saved_ReadBackAndReplaced()
    {
        var db = Open();
        db.Write(s => s.FetchValidators.Save("https://a.example.invalid/", new FetchValidators("\"v1\"", "Sun, 01 Mar 2026 08:00:00 GMT")));
        db.Write(s => s.FetchValidators.Save("https://a.example.invalid/", new FetchValidators("\"v2\"", null)));

        Assert.Equal(new FetchValidators("\"v2\"", null), db.Read(s => s.FetchValidators.Find("https://a.example.invalid/")));
        Assert.Null(db.Read(s => s.FetchValidators.Find("https://b.example.invalid/")));
    }

    [SkippableFact]
    public void SourceHealth_Troubled_ListsOnlyAnnouncedProblems()
    {
        var db = Open();
        db.Write(s =>
        {
            s.SourceHealth.Save(new SourceHealth { Source = "县新闻", LastCheck = Now });
            s.SourceHealth.Save(new SourceHealth { Source = "论坛", Announced = HealthState.Failing, ConsecutiveFailures = 3 });
            s.SourceHealth.Save(new SourceHealth { Source = "贴吧", Announced = HealthState.Redesigned });
        });

        Assert.Equal(["论坛", "贴吧"], db.Read(s => s.SourceHealth.Troubled()).Select(h => h.Source).Order(StringComparer.Ordinal));
        Assert.Equal(Now, db.Read(s => s.SourceHealth.Find("县新闻"))!.LastCheck);
    }

    [SkippableFact]
    public void SourceCatalog_SaveUnderAnotherCase_ReplacesTheEarlierChange()
    {
        var db = Open();
        db.Write(s => s.SourceCatalog.Save(new StoredSource { Name = "City News", Definition = new SourceDefinition { Name = "City News" }, ChangedAt = Now }));
        db.Write(s => s.SourceCatalog.Save(new StoredSource { Name = "city news", ChangedAt = Now.AddMinutes(1) }));

        var stored = Assert.Single(db.Read(s => s.SourceCatalog.All()));
        Assert.Equal("city news", stored.Name);
        Assert.Null(stored.Definition);

        db.Write(s => s.SourceCatalog.Forget("CITY NEWS"));
        Assert.Empty(db.Read(s => s.SourceCatalog.All()));
    }

    [SkippableFact]
    public void TopicCatalog_SaveUnderAnotherCase_ReplacesTheEarlierChange()
    {
        var db = Open();
        db.Write(s => s.TopicCatalog.Save(new StoredTopic { Name = "Road works", Definition = new TopicDefinition { Name = "Road works", Keywords = ["道路"] } }));
        db.Write(s => s.TopicCatalog.Save(new StoredTopic { Name = "road works", Definition = new TopicDefinition { Name = "road works", Keywords = ["施工"] } }));

        var stored = Assert.Single(db.Read(s => s.TopicCatalog.All()));
        Assert.Equal(["施工"], stored.Definition!.Keywords);
    }

    [SkippableFact]
    public void WatchedStories_AtTheirExpiry_AreNoLongerActiveAndAreForgotten()
    {
        var db = Open();
        db.Write(s =>
        {
            s.WatchedStories.Save(Watch(7, Now.AddDays(1)));
            s.WatchedStories.Save(Watch(3, Now.AddDays(2)));
            s.WatchedStories.Save(Watch(5, Now));
            s.WatchedStories.Save(Watch(9, Now.AddDays(-1)));
        });

        Assert.Equal([3L, 7L], db.Read(s => s.WatchedStories.Active(Now)).Select(w => w.Id));

        db.Write(s => s.WatchedStories.ForgetExpired(Now));
        Assert.Equal(2, db.Read(s => s.WatchedStories.Count()));
        Assert.True(db.Write(s => s.WatchedStories.Remove(7)));
        Assert.False(db.Write(s => s.WatchedStories.Remove(7)));
        Assert.Equal([3L], db.Read(s => s.WatchedStories.Active(Now)).Select(w => w.Id));
    }

    [SkippableFact]
    public void HeightenedPeriods_Saved_IsTheOneStoredUntilCleared()
    {
        var db = Open();
        db.Write(s => s.HeightenedPeriods.Save(new HeightenedPeriod { Until = Now.AddHours(6), Interval = TimeSpan.FromMinutes(1), Reason = "两会" }));
        db.Write(s => s.HeightenedPeriods.Save(new HeightenedPeriod { Until = Now.AddHours(2), Interval = TimeSpan.FromMinutes(2) }));

        var stored = db.Read(s => s.HeightenedPeriods.Stored());
        Assert.Equal((Now.AddHours(2), TimeSpan.FromMinutes(2)), (stored!.Until, stored.Interval));
        Assert.True(db.Write(s => s.HeightenedPeriods.Clear()));
        Assert.False(db.Write(s => s.HeightenedPeriods.Clear()));
        Assert.Null(db.Read(s => s.HeightenedPeriods.Stored()));
    }

    [SkippableFact]
    public void Evidence_Of_ListsOneIncidentsEntriesInCaptureOrder()
    {
        var db = Open();
        db.Write(s =>
        {
            s.Evidence.Add(Entry("2026-0042", 2));
            s.Evidence.Add(Entry("2026-0043", 1));
            s.Evidence.Add(Entry("2026-0042", 1));
        });

        Assert.Equal(["QT-2026-0042-01", "QT-2026-0042-02"], db.Read(s => s.Evidence.Of("2026-0042")).Select(r => r.Id));
        Assert.Equal("2026-0043", db.Read(s => s.Evidence.Find("QT-2026-0043-01"))!.IncidentNumber);
        Assert.Null(db.Read(s => s.Evidence.Find("QT-2026-0044-01")));
        Assert.Equal(3, db.Read(s => s.Evidence.Count()));
    }

    private static SeenItem Seen(string url) => new() { Id = url, SourceName = "县新闻", FirstSeen = Now };

    private static WatchedStory Watch(long incidentId, DateTimeOffset expires) =>
        new() { Id = incidentId, IncidentNumber = $"2026-{incidentId:0000}", Terms = ["城南小学"], Since = Now.AddDays(-3), Expires = expires };

    private static EvidenceRecord Entry(string incident, int sequence) =>
        new() { Id = $"QT-{incident}-{sequence:00}", IncidentNumber = incident, Category = "QT", Sequence = sequence, Url = "https://a.example.invalid/" };
}
