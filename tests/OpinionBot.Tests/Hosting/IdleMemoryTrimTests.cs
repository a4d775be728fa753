using OpinionBot.Hosting;
using OpinionBot.Settings;
using Xunit;

namespace OpinionBot.Tests.Hosting;

/// <summary>The worker gives memory back after a burst of work, once it falls quiet, and never while it is busy.</summary>
public sealed class IdleMemoryTrimTests
{
    private const long Mb = 1L << 20;

    [Fact]
    public void QuietAfterABurst_Trims_Once()
    {
        var policy = new TrimPolicy();
        Assert.False(policy.ShouldTrim(0, 0)); // the first reading only sets the baseline
        Assert.False(policy.ShouldTrim(40 * Mb, 5_000)); // busy: 40 MB in one tick
        Assert.True(policy.ShouldTrim(40 * Mb + 100_000, 10_000)); // quiet after the burst
        Assert.False(policy.ShouldTrim(40 * Mb + 200_000, 15_000)); // still quiet, nothing new to give back
    }

    [Fact]
    public void BusyWorker_IsNeverTrimmed()
    {
        var policy = new TrimPolicy();
        for (var tick = 0; tick < 100; tick++)
        {
            Assert.False(policy.ShouldTrim(tick * 20 * Mb, tick * 5_000L));
        }
    }

    [Fact]
    public void QuietWithoutABurst_DoesNotTrim()
    {
        var policy = new TrimPolicy();
        for (var tick = 0; tick < 20; tick++)
        {
            Assert.False(policy.ShouldTrim(tick * 100_000L, tick * 5_000L));
        }
    }

    [Fact]
    public void TwoBursts_WithinAMinute_TrimOnlyOnce()
    {
        var policy = new TrimPolicy();
        policy.ShouldTrim(0, 0);
        policy.ShouldTrim(20 * Mb, 5_000);
        Assert.True(policy.ShouldTrim(20 * Mb, 10_000));
        policy.ShouldTrim(40 * Mb, 15_000);
        Assert.False(policy.ShouldTrim(40 * Mb, 20_000)); // a burst again, but the last trim is 10 s old
        Assert.True(policy.ShouldTrim(40 * Mb, 70_000)); // a minute later
    }
}
