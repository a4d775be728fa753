using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Cluster;

/// <summary>
/// Two nodes judging two items of one new story at the same time: the second to commit joins the incident the first
/// opened (its story index catches up again inside the transaction, where writers of all nodes are serialized).
/// </summary>
public sealed class StoryRaceTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-race").FullName;
    private readonly List<IHost> _nodes = [];

    [SkippableFact]
    public async Task TwoNodesJudgingOneNewStoryAtOnce_OpenOneIncident()
    {
        var connection = database.Open();
        var a = await NodeAsync(connection, "node-a");
        var b = await NodeAsync(connection, "node-b");
        var source = new SourceDefinition { Name = "县论坛", Kind = SourceKinds.Feed, Url = "http://127.0.0.1:9/feed.xml" };
        var now = DateTimeOffset.UtcNow;
        var first = new SourceItem("http://127.0.0.1:9/t/1", "城南小学食堂饭菜发霉 多名学生呕吐 家长投诉", "城南小学食堂饭菜发霉，多名学生呕吐送医，家长投诉学校。", now.AddMinutes(-2));
        var repost = new SourceItem("http://127.0.0.1:9/t/2", "转：城南小学食堂饭菜发霉 多名学生呕吐 家长投诉", "城南小学食堂饭菜发霉，多名学生呕吐送医，家长投诉学校。", now.AddMinutes(-1));

        // Node B has judged the repost (before node A's incident existed) and is about to store it...
        var intakeB = b.Services.GetRequiredService<ItemIntake>();
        var preparedB = intakeB.Prepare(source, [repost]);
        // ...when node A opens the story's incident.
        var openedA = a.Services.GetRequiredService<ItemIntake>().Take(source, [first]);
        var dbB = b.Services.GetRequiredService<OpinionDatabase>();
        var openedB = dbB.Write(_ => intakeB.Commit(preparedB));

        var incident = Assert.Single(openedA);
        Assert.Empty(openedB);
        var stored = dbB.Read(s => s.Incidents.Get(incident.Id))!;
        Assert.Equal(["http://127.0.0.1:9/t/1", "http://127.0.0.1:9/t/2"], stored.Appearances.Select(x => x.Url).Order());
        Assert.Single(dbB.Read(s => s.Incidents.After(0)));
    }

    private async Task<IHost> NodeAsync(string connection, string name)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = "123456:TEST-TOKEN",
            ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connection,
            ["Cluster:Enabled"] = "true",
            ["Cluster:NodeName"] = name,
            ["Chats:Team"] = "-1001",
            ["Topics:0:Name"] = "教育",
            ["Topics:0:Keywords:0"] = "学校",
            ["Topics:0:Keywords:1"] = "投诉",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        var file = Path.Combine(_folder, name + ".json");
        await File.WriteAllTextAsync(file, "{}");
        // Built, not started: the nodes' intake and story memory are driven by the test, not by Quartz.
        var host = OpinionBotHost.CreateBuilder(["--config", file], config => config.AddInMemoryCollection(settings)).Build();
        _nodes.Add(host);
        await host.Services.GetRequiredService<StoryMemory>().StartAsync(CancellationToken.None);
        return host;
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
