using Microsoft.Extensions.Configuration;
using OpinionBot.Cluster;
using OpinionBot.Tests.EndToEnd;
using Xunit;

namespace OpinionBot.Tests.Cluster;

/// <summary>Cluster mode needs the shared PostgreSQL database; without it the worker refuses to start and says why.</summary>
public sealed class ClusterSettingsTests
{
    [Fact]
    public async Task ClusterModeOnLiteDb_StopsWithOneClearSentence()
    {
        var folder = Directory.CreateTempSubdirectory("opinionbot-cluster-settings").FullName;
        await using var worker = WorkerProcess.Start(folder, [], new Dictionary<string, string>
        {
            ["Telegram__Token"] = "123456:TEST-TOKEN",
            ["Telegram__ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Chats__Team"] = "-1001",
            ["Storage__Path"] = Path.Combine(folder, "bot.db"),
            ["Cluster__Enabled"] = "true",
        });

        Assert.Equal(2, await worker.ExitCodeAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Cluster:Enabled needs the shared PostgreSQL database: set Storage:Provider to postgres", worker.Output);
        Assert.DoesNotContain("   at ", worker.Output);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("postgres", "Host=db", false)]
    [InlineData("litedb", null, true)]
    [InlineData("postgres", "", true)]
    public void Validation_AsksForThePostgresProvider(string? provider, string? connection, bool fails)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:ConnectionString"] = connection,
        }).Build();

        var result = new ClusterOptionsValidation(configuration).Validate(null, new ClusterOptions { Enabled = true });

        Assert.Equal(fails, result.Failed);
    }

    [Fact]
    public void Validation_LeavesASingleNodeAlone() =>
        Assert.True(new ClusterOptionsValidation(new ConfigurationBuilder().Build()).Validate(null, new ClusterOptions()).Succeeded);

    [Fact]
    public void NodeName_DefaultsToTheMachineAndProcess()
    {
        var name = ClusterOptions.NodeNameFrom(new ConfigurationBuilder().Build());
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", name);
        Assert.Equal(name, new ClusterOptions().NodeName);
    }
}
