using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Commands;
using OpinionBot.Scheduling;
using Xunit;

namespace OpinionBot.Tests.Commands;

/// <summary>The real service collection resolves every command family, the router and the duty job.</summary>
public sealed class CommandWiringTests : IDisposable
{
    private readonly ServiceTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void AddOpinionBot_ResolvesTheRouterWithEveryCommandOnce()
    {
        var router = _bed.Get<CommandRouter>();

        var names = router.Catalog.Select(c => c.Name).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Superset(
            new HashSet<string>(["help", "start", "status", "incidents", "incident", "mine", "assign", "escalate", "resolve", "report",
                "sendback", "note", "grade", "mute", "oncall", "members", "lang"]),
            names.ToHashSet());
        Assert.All(router.Catalog, c => Assert.Matches("^[a-z0-9_]{1,32}$", c.Name));
        Assert.All(router.Catalog, c => Assert.InRange(c.Description(Text.Strings.Chinese).Length, 1, 256));
        Assert.NotNull(ActivatorUtilities.CreateInstance<HandoverJob>(_bed.Services));
        Assert.NotNull(_bed.Get<OpinionBot.Sources.SourceHealthTracker>());
    }
}
