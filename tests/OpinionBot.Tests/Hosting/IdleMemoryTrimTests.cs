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

    [Fact]
    public void BusyWorker_WhoseHeapIsMostlyFreeSpace_IsTrimmed_OnceAMinute()
    {
        var policy = new TrimPolicy();
        Assert.False(policy.ShouldTrim(0, 0, fragmented: 90 * Mb, heap: 180 * Mb)); // the first reading only sets the baseline
        Assert.True(policy.ShouldTrim(40 * Mb, 5_000, fragmented: 90 * Mb, heap: 180 * Mb)); // busy, but half the heap is free space
        Assert.False(policy.ShouldTrim(80 * Mb, 10_000, fragmented: 90 * Mb, heap: 180 * Mb)); // not again within the minute
        Assert.True(policy.ShouldTrim(400 * Mb, 66_000, fragmented: 90 * Mb, heap: 180 * Mb));
    }

    [Fact]
    public void BusyWorker_WithLittleFreeSpace_IsNotTrimmed()
    {
        var policy = new TrimPolicy();
        for (var tick = 0; tick < 40; tick++)
        {
            // Under the bound, or under half of a large heap: a background collection's ordinary slack.
            Assert.False(policy.ShouldTrim(tick * 20 * Mb, tick * 5_000L, fragmented: 30 * Mb, heap: 60 * Mb));
            Assert.False(policy.ShouldTrim(tick * 20 * Mb + Mb * 10, tick * 5_000L + 2_500, fragmented: 60 * Mb, heap: 200 * Mb));
        }
    }
}
