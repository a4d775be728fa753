using OpinionBot.Cluster;
using Xunit;

namespace OpinionBot.Tests.Cluster;

public sealed class LeaseCoverageTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);

    private static ClusterSnapshot Holding(params string[] leases) =>
        new("node-a", [new ClusterNode("node-a", Start, Start)], leases.Select(l => new LeaseHolder(l, "node-a", Start.AddMinutes(1))).ToList());

    [Fact]
    public void AFreeLease_CountsOnlyOnceFreeLongerThanALeaseLasts_AndIsForgottenWhenTakenAgain()
    {
        var coverage = new LeaseCoverage(LeaseTime);

        Assert.Empty(coverage.Problems(Holding(LeaseNames.All.ToArray()), Start));
        Assert.Empty(coverage.Problems(Holding(LeaseNames.Updates, LeaseNames.Duties), Start.AddSeconds(1))); // moving
        Assert.Empty(coverage.Problems(Holding(LeaseNames.Updates, LeaseNames.Duties), Start.AddSeconds(16)));
        var problem = Assert.Single(coverage.Problems(Holding(LeaseNames.Updates, LeaseNames.Duties), Start.AddSeconds(30)));
        Assert.Equal("cluster: no node has held the delivery lease for 29s", problem);

        Assert.Empty(coverage.Problems(Holding(LeaseNames.All.ToArray()), Start.AddSeconds(31)));
        Assert.Empty(coverage.Problems(Holding(LeaseNames.Updates, LeaseNames.Duties), Start.AddSeconds(32))); // a new gap starts afresh
    }

    [Fact]
    public void NoNodeAtAll_EveryLeaseIsAProblem()
    {
        var coverage = new LeaseCoverage(LeaseTime);
        coverage.Problems(Holding(), Start);

        Assert.Equal(3, coverage.Problems(Holding(), Start.AddMinutes(1)).Count);
    }
}
