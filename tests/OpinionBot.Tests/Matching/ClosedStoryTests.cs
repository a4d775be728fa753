using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Incidents;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Matching;

/// <summary>A closed story must not shadow the new incident opened when the story comes back.</summary>
public sealed class ClosedStoryTests : IAsyncLifetime
{
    private const string Text = "昨晚县人民医院急诊科以床位已满为由拒收一名急诊病人，家属多次投诉无人回应，患者被迫转院。";
    private BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.CreateAsync();
        foreach (var (index, name) in new[] { (1, "本地论坛"), (2, "市民网") })
        {
            _bot.Settings[$"Sources:{index}:Name"] = name;
            _bot.Settings[$"Sources:{index}:Kind"] = "feed";
            _bot.Settings[$"Sources:{index}:Url"] = _bot.Site.BaseUrl + $"/feed{index}.xml";
            _bot.Settings[$"Sources:{index}:Schedule"] = "every 1s";
            _bot.Site.Set($"/feed{index}.xml", TestFeeds.Rss());
        }
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task StoryReturningAfterItsIncidentClosed_OpensOneNewIncident_AndLaterRepostsJoinIt()
    {
        Publish("/feed.xml", "/a/1");
        await _bot.StartAsync();
        await _bot.Api.WaitUntilAsync(() => _bot.Database.Read(s => s.Incidents.Count()) == 1);
        var service = _bot.Services.GetRequiredService<IncidentService>();
        var first = _bot.Database.AllIncidents().Single();
        var boss = new Actor(BotHarness.Supervisor, "赵主任", Role.Supervisor);
        service.Apply(first.Id, IncidentAction.Resolve, boss, outcome: HandlingOutcome.Clarified);
        service.Apply(first.Id, IncidentAction.Close, boss);

        // The returning story is a light edit; a later repost is word for word the closed original again.
        Publish("/feed1.xml", "/b/1", "网友爆料：昨晚县人民医院急诊科以床位已满为由拒收一名急诊病人，家属多次投诉无人回应，令人寒心。");
        await _bot.Api.WaitUntilAsync(() => _bot.Database.Read(s => s.Incidents.Count()) == 2);
        Publish("/feed2.xml", "/c/1");
        await _bot.Api.WaitUntilAsync(() => _bot.Database.Read(s => s.SeenItems.Count()) == 3);
        await _bot.ChecksPassedAsync("/feed2.xml");

        var incidents = _bot.Database.AllIncidents();
        Assert.Equal(2, incidents.Count);
        Assert.Single(incidents[0].Appearances);
        Assert.Equal(2, incidents[1].Appearances.Count);
    }

    private void Publish(string feed, string path, string text = Text) =>
        _bot.Site.Set(feed, TestFeeds.Rss(("县人民医院拒收急诊病人 家属投诉无门", _bot.Site.BaseUrl + path, DateTimeOffset.UtcNow.AddMinutes(-5), text)));
}
