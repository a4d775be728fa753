using OpinionBot.Hosting;
using OpinionBot.Tests.EndToEnd;
using Xunit;

namespace OpinionBot.Tests.Hosting;

/// <summary>The deploy files set the environment-only runtime settings the load run measures with.</summary>
public sealed class RuntimeEnvironmentTests
{
    [Theory]
    [InlineData("deploy/opinionbot.service")]
    [InlineData("deploy/Dockerfile")]
    public void EveryShippedSetting_IsSetByTheDeployFile(string file)
    {
        var text = File.ReadAllText(Path.Combine(WorkerProcess.RepositoryRoot(), file));
        Assert.NotEmpty(RuntimeEnvironment.Shipped);
        foreach (var (name, value) in RuntimeEnvironment.Shipped)
        {
            // Environment=NAME=VALUE in the unit, NAME=VALUE in the Dockerfile's ENV.
            Assert.Matches($@"(^|[\s=]){name}={value}(\s|\\|$)", text);
        }
    }
}
