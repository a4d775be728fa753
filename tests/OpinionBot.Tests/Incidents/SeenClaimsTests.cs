using OpinionBot.Incidents;
using OpinionBot.Sources;
using OpinionBot.Tests.Commands;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>
/// A check looks its new URLs up once before judging; its write looks again only when another check had one of them in
/// hand at the same time. Two sources listing one thread at once still store it once, as one incident.
/// </summary>
public sealed class SeenClaimsTests : IDisposable
{
    private const string Thread = "http://127.0.0.1:9/thread-1";
    private readonly ServiceTestBed _bed = new(new()
    {
        ["Sources:0:Name"] = "县论坛",
        ["Sources:0:Kind"] = "feed",
        ["Sources:0:Url"] = "http://127.0.0.1:9/a.xml",
        ["Sources:1:Name"] = "市论坛",
        ["Sources:1:Kind"] = "feed",
        ["Sources:1:Url"] = "http://127.0.0.1:9/b.xml",
        ["Topics:0:Name"] = "医院投诉",
        ["Topics:0:Keywords:0"] = "医院",
    });

    public void Dispose() => _bed.Dispose();

    private SourceDefinition Source(string name) => _bed.Get<SourceCatalog>().Find(name)!;

    private SourceItem Item(string url) => new(url, "县医院乱收费 网友投诉", "县医院乱收费，网友投诉无人答复。", _bed.Time.GetUtcNow().AddMinutes(-1));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TwoSourcesListingOneThreadAtOnce_StoreItOnce_WhicheverCommitsFirst(bool secondFirst)
    {
        var intake = _bed.Get<ItemIntake>();
        var a = intake.Prepare(Source("县论坛"), [Item(Thread)]);
        var b = intake.Prepare(Source("市论坛"), [Item(Thread.ToUpperInvariant())]); // ids compare ignoring case
        Assert.Single(a.Judged);
        Assert.Single(b.Judged); // both judged it: neither had stored it yet

        var (first, second) = secondFirst ? (b, a) : (a, b);
        var openedFirst = _bed.Database.Write(_ => intake.Commit(first));
        first.Dispose(); // its write has ended: the claims go
        var openedSecond = _bed.Database.Write(_ => intake.Commit(second));
        second.Dispose();

        Assert.Single(openedFirst);
        Assert.Empty(openedSecond); // the second write looked again and found it stored
        Assert.Equal(1, _bed.Database.Read(s => s.SeenItems.Count()));
        Assert.Equal(1, _bed.Database.Read(s => s.Incidents.Count()));
    }

    [Fact]
    public void ACheckAfterAnothersWrite_FindsTheThreadSeen_AndJudgesNothing()
    {
        var intake = _bed.Get<ItemIntake>();
        Assert.Single(intake.Take(Source("县论坛"), [Item(Thread)]));

        using var later = intake.Prepare(Source("市论坛"), [Item(Thread)]);

        Assert.Empty(later.Judged);
    }

    [Fact]
    public void Claims_AreContendedOnlyWhileTwoChecksHoldOneUrl_AndAllGoWhenReleased()
    {
        var claims = new SeenClaims();
        var a = claims.Take([Thread, "http://127.0.0.1:9/thread-2", Thread]); // a URL listed twice by one check
        var c = claims.Take(["http://127.0.0.1:9/thread-3"]);
        Assert.False(a.Contended);

        var b = claims.Take([Thread.ToUpperInvariant()]);
        Assert.True(a.Contended);
        Assert.True(b.Contended);
        Assert.False(c.Contended);

        b.Dispose();
        Assert.True(a.Contended); // b may have stored it: a's write must still look
        a.Dispose();
        a.Dispose(); // once
        c.Dispose();
        Assert.Equal(0, claims.Count);
        using var again = claims.Take([Thread]);
        Assert.False(again.Contended);
    }
}
