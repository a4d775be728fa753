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
    public void BusyWorker_WhoseHeapGrewPastWhatTheLastTrimLeft_IsTrimmed_AtMostEvery10Seconds()
    {
        var policy = new TrimPolicy();
        Assert.False(policy.ShouldTrim(0, 0, heap: 50 * Mb)); // the first reading sets the floor
        Assert.False(policy.ShouldTrim(40 * Mb, 5_000, heap: 61 * Mb)); // busy, 11 MB above it
        Assert.True(policy.ShouldTrim(80 * Mb, 10_000, heap: 63 * Mb)); // busy, 13 MB above it
        policy.Trimmed(55 * Mb);
        Assert.False(policy.ShouldTrim(400 * Mb, 15_000, heap: 120 * Mb)); // grown again, but the last trim is 5 s old
        Assert.False(policy.ShouldTrim(440 * Mb, 20_000, heap: 66 * Mb)); // 10 s later, 11 MB above what it left
        Assert.True(policy.ShouldTrim(480 * Mb, 25_000, heap: 68 * Mb));

        // A heap that really holds more (a backlog, many incidents): each trim raises the floor, so trims stop.
        policy.Trimmed(80 * Mb);
        for (var tick = 6; tick < 40; tick++)
        {
            Assert.False(policy.ShouldTrim(tick * 40L * Mb, tick * 5_000L, heap: 90 * Mb));
        }
    }

    [Fact]
    public void BusyWorker_WithOrdinarySlack_IsNotTrimmed()
    {
        var policy = new TrimPolicy();
        for (var tick = 0; tick < 40; tick++)
        {
            // A background collection's ordinary slack: the heap swings under the growth bound.
            Assert.False(policy.ShouldTrim(tick * 20 * Mb, tick * 5_000L, heap: (tick % 2 == 0 ? 60 : 70) * Mb));
        }
    }
}
