using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Sources;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;

namespace OpinionBot.Tests.Chat;

/// <summary>The real bot with one department (卫健局) and its own chat, and a way to open its incidents directly.</summary>
internal static class DepartmentBot
{
    public const string Department = "卫健局";
    public const long DepartmentChat = -2001;
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<BotHarness> CreateAsync()
    {
        var bot = await BotHarness.CreateAsync();
        bot.Site.Set("/feed.xml", TestFeeds.Rss());
        bot.Settings["Departments:0:Name"] = Department;
        bot.Settings["Departments:0:Chat"] = DepartmentChat.ToString();
        bot.Settings["Departments:0:Lead"] = "701";
        return bot;
    }

    /// <summary>Opens an incident of the department as the intake would; returns its number.</summary>
    public static string Open(BotHarness bot, string title) =>
        bot.Database.Write(_ => bot.Services.GetRequiredService<IncidentService>().Open(new NewAppearance(
            new SourceItem($"http://127.0.0.1/n/{Guid.NewGuid():N}", title, title, DateTimeOffset.UtcNow.AddMinutes(-3)),
            "县新闻", [new TopicMatch("医院投诉", ["投诉"])], DateTimeOffset.UtcNow)
        { Department = Department })).Number;

    /// <summary>Bot messages in the chat whose text contains all the given pieces.</summary>
    public static int Count(FakeBotApi api, long chatId, params string[] pieces) =>
        api.Messages(chatId).Count(m => pieces.All(p => m.Text?.Contains(p, StringComparison.Ordinal) == true));
}
