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

    [SkippableFact]
    public async Task AnAppearanceAnotherNodeAdded_IsLearnt_SoItsVariantJoinsTheStoryHereToo()
    {
        var connection = database.Open();
        var a = await NodeAsync(connection, "node-a");
        var b = await NodeAsync(connection, "node-b");
        var source = new SourceDefinition { Name = "县论坛", Kind = SourceKinds.Feed, Url = "http://127.0.0.1:9/feed.xml" };
        var now = DateTimeOffset.UtcNow;
        const string Meal = "城南小学食堂饭菜发霉多名学生呕吐送医，校方称正在核实情况。";
        const string Parents = "今天上午数十名家长聚集在学校门口，要求学校给出说法并公开处理结果，现场一度拥堵。";
        const string Inquiry = "县教育局连夜成立调查组进驻学校，调查食材来源和供货渠道，并约谈校长。";
        const string Supplier = "涉事供货商已被市场监管部门查封并立案调查，相关负责人被带走协助调查。";
        // A chain: the second is like the first and the third like the second, but the third is nothing like the first.
        var first = new SourceItem("http://127.0.0.1:9/t/1", "城南小学食堂饭菜发霉 家长投诉", Meal + Parents, now.AddMinutes(-3));
        var second = new SourceItem("http://127.0.0.1:9/t/2", "城南小学家长聚集校门口 投诉学校", Parents + Inquiry, now.AddMinutes(-2));
        var third = new SourceItem("http://127.0.0.1:9/t/3", "县教育局调查组进驻城南小学 供货商被查 投诉", Inquiry + Supplier, now.AddMinutes(-1));
        var intakeA = a.Services.GetRequiredService<ItemIntake>();
        var intakeB = b.Services.GetRequiredService<ItemIntake>();

        var incident = Assert.Single(intakeA.Take(source, [first]));
        Assert.Empty(intakeB.Take(source, [second])); // node B learnt node A's incident: the second item joins it
        // Node A never saw the second item; the third is like the second, not like the first.
        Assert.Empty(intakeA.Take(source, [third]));

        var dbA = a.Services.GetRequiredService<OpinionDatabase>();
        Assert.Single(dbA.Read(s => s.Incidents.After(0)));
        Assert.Equal(3, dbA.Read(s => s.Incidents.Get(incident.Id))!.Appearances.Count);
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
