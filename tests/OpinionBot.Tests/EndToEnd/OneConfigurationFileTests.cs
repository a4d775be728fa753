using System.Text.Json;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.EndToEnd;

/// <summary>
/// The real worker reads one settings file, the user's: nothing of the shipped sample (topics 医院投诉 and 拖欠工资,
/// their exclusions, keywords and grades) may leak into it, as .NET's list merging by position used to make happen.
/// </summary>
public sealed class OneConfigurationFileTests
{
    private static readonly string[] SampleWords = ["医院投诉", "拖欠工资", "讨薪", "欠薪", "招聘", "广告", "卫生院", "示例新闻", "较大"];

    [Fact]
    public async Task WorkerInAFolderWithOnlyTheUsersFile_ShowsOnlyTheUsersTopics()
    {
        await using var api = await FakeBotApi.StartAsync();
        var folder = Directory.CreateTempSubdirectory("opinionbot-config").FullName;
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), UserSettings(api, folder));

        await using var worker = WorkerProcess.Start(folder, [], IsolatedEnvironment());
        var topics = await AskTopicsAsync(api, worker);

        Assert.Contains("医疗", topics);
        Assert.Contains("交通", topics);
        Assert.Contains("拥堵", topics);
        foreach (var word in SampleWords)
        {
            Assert.DoesNotContain(word, topics);
        }
    }

    [Fact]
    public async Task ConfigOption_ReadsTheNamedFileAndNotTheWorkingDirectorys()
    {
        await using var api = await FakeBotApi.StartAsync();
        var folder = Directory.CreateTempSubdirectory("opinionbot-config").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("opinionbot-config-file").FullName;
        var named = Path.Combine(elsewhere, "team.json");
        File.WriteAllText(named, UserSettings(api, folder));
        // A stray file in the working directory must not be read when --config names another.
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), """{ "Topics": [ { "Name": "不该出现", "Keywords": [ "不该出现" ] } ] }""");

        await using var worker = WorkerProcess.Start(folder, ["--config", named], IsolatedEnvironment());
        var topics = await AskTopicsAsync(api, worker);

        Assert.Contains("医疗", topics);
        Assert.DoesNotContain("不该出现", topics);
    }

    [Fact]
    public async Task ConfigOption_MissingFile_StopsWithOneSentence()
    {
        var folder = Directory.CreateTempSubdirectory("opinionbot-config").FullName;
        var missing = Path.Combine(folder, "nope.json");

        await using var worker = WorkerProcess.Start(folder, ["--config", missing], IsolatedEnvironment());
        var code = await worker.ExitCodeAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("--config " + missing, worker.Output);
        Assert.DoesNotContain("   at ", worker.Output);
    }

    [Theory]
    [InlineData("--config")]
    [InlineData("--config=")]
    public void ConfigOption_WithoutAPath_IsASettingsProblem(string arg)
    {
        var error = Assert.Throws<OpinionBot.Hosting.SettingsFileMissingException>(
            () => OpinionBot.Hosting.ConfigurationFile.AddOpinionBotSettings(new Microsoft.Extensions.Configuration.ConfigurationBuilder(), [arg]));

        Assert.Contains("--config needs the path", error.Message);
    }

    private static async Task<string> AskTopicsAsync(FakeBotApi api, WorkerProcess worker)
    {
        api.InjectMessage(BotHarness.TeamChat, BotHarness.Supervisor, "/topics");
        try
        {
            var answer = await api.WaitForMessageAsync(BotHarness.TeamChat, m => m.Text?.Contains("医疗", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(90));
            return answer.Text!;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\nWorker output:\n" + worker.Output, ex);
        }
    }

    /// <summary>A user's whole file: two topics without grades or exclusions, no sources.</summary>
    private static string UserSettings(FakeBotApi api, string folder) => JsonSerializer.Serialize(new
    {
        Telegram = new { Token = FakeBotApi.DefaultToken, ApiBaseUrl = api.BaseUrl, PollTimeoutSeconds = 1 },
        Storage = new { Path = Path.Combine(folder, "bot.db") },
        Chats = new { Team = BotHarness.TeamChat },
        Access = new { Supervisors = new[] { BotHarness.Supervisor } },
        Topics = new object[]
        {
            new { Name = "医疗", Keywords = new[] { "医疗" } },
            new { Name = "交通", Keywords = new[] { "拥堵" } },
        },
    });

    private static Dictionary<string, string> IsolatedEnvironment() => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
    };
}
