using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Xunit;

namespace OpinionBot.Tests.EndToEnd;

/// <summary>Two bot hosts in one process (as the tests run them) must not share a scheduler or each other's jobs.</summary>
public sealed class HostIsolationTests
{
    [Fact]
    public async Task TwoHostsInOneProcess_EachHaveTheirOwnScheduler()
    {
        await using var first = await BotHarness.CreateAsync();
        await using var second = await BotHarness.CreateAsync();
        await first.StartAsync();
        await second.StartAsync();

        var a = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var b = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        Assert.NotSame(a, b);
        Assert.NotEqual(a.SchedulerName, b.SchedulerName);
    }
}
