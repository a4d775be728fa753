using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpinionBot.Chat;
using OpinionBot.Cluster;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Settings;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Cluster;

/// <summary>
/// Each node keeps its own story index. In cluster mode a node learns the incidents other nodes opened before it judges
/// a check, so a repost on node B joins the story node A opened instead of opening a second incident.
/// </summary>
public sealed class StoryCatchUpTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("opinionbot-catchup").FullName;

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task CatchUp_LearnsIncidentsAnotherNodeOpened_OnlyInClusterMode(bool clusterMode, bool learnt)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        using var database = TestDatabases.Open(Path.Combine(_directory, "shared.db"));
        var (nodeB, indexB) = Node(database, time, clusterMode);
        await nodeB.StartAsync(CancellationToken.None);

        // Node A opens an incident after node B started.
        var fingerprint = StoryFingerprint.Of("城南小学食堂饭菜发霉 多名学生呕吐", "城南小学食堂饭菜发霉，多名学生呕吐送医。");
        var opened = new Incident
        {
            Number = "2026-0001",
            Title = "城南小学食堂饭菜发霉 多名学生呕吐",
            Discovered = time.GetUtcNow(),
            Appearances = [new Appearance { Url = "http://127.0.0.1/t/1", Title = "城南小学食堂饭菜发霉", Discovered = time.GetUtcNow(), Fingerprint = fingerprint.ToString() }],
        };
        database.Write(s => s.Incidents.Open(opened));
        Assert.False(indexB.Knows(opened.Id));

        nodeB.CatchUp();
        nodeB.CatchUp(); // twice: nothing is learnt twice

        Assert.Equal(learnt, indexB.Knows(opened.Id));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (StoryMemory Memory, StoryIndex Index) Node(OpinionDatabase database, TimeProvider time, bool clusterMode)
    {
        var matching = new MatchingOptions();
        var index = new StoryIndex(matching.StoryWindow, matching.StoryRules);
        var focused = new FocusedMonitoring(database, new TopicMatcher([]), time, matching, Strings.Chinese);
        var memory = new StoryMemory(database, index, focused, time, Options.Create(matching),
            Options.Create(new ClusterOptions { Enabled = clusterMode }),
            new SupervisorNotices(database, new Outbox(database, time), new FixedMonitor<ChatsOptions>(new()), new FixedMonitor<MonitoringOptions>(new())),
            NullLogger<StoryMemory>.Instance);
        return (memory, index);
    }
}
