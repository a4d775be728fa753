using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Sources;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;

namespace OpinionBot.Tests.Commands;

/// <summary>
/// The real bot (BotHarness) plus a way to type commands as known people and wait for the answer threaded under them.
/// </summary>
public sealed class CommandChat : IAsyncDisposable
{
    public const long Member = 701;
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // Display names and usernames, sent with every message as Telegram would.
    private static readonly Dictionary<long, (string Name, string? Username)> Names = new()
    {
        [BotHarness.Officer] = ("张三", "zhangsan"),
        [BotHarness.SecondOfficer] = ("李四", "lisi"),
        [BotHarness.Supervisor] = ("赵主任", "zhao"),
        [BotHarness.Stranger] = ("路人", null),
        [Member] = ("王网评", "wang"),
    };

    private CommandChat(BotHarness bot) => Bot = bot;

    public BotHarness Bot { get; }
    public FakeBotApi Api => Bot.Api;

    public static async Task<CommandChat> StartAsync(Action<Dictionary<string, string?>>? settings = null)
    {
        var bot = await BotHarness.CreateAsync();
        bot.Site.Set("/feed.xml", TestFeeds.Rss());
        bot.Settings["Access:Members:0"] = Member.ToString();
        settings?.Invoke(bot.Settings);
        await bot.StartAsync();
        var chat = new CommandChat(bot);
        foreach (var person in new[] { BotHarness.Officer, BotHarness.SecondOfficer, BotHarness.Supervisor, Member })
        {
            chat.Type(BotHarness.TeamChat, person, "在"); // the bot learns names and @usernames from messages
        }

        return chat;
    }

    /// <summary>Types a message as this person; returns the message id it got in the chat.</summary>
    public int Type(long chatId, long userId, string text, int? replyTo = null, string? languageCode = null)
    {
        var (name, username) = Names.GetValueOrDefault(userId, ($"User{userId}", null));
        var chatType = chatId == userId ? "private" : "group";
        Api.InjectMessage(chatId, userId, text, replyTo, chatType, name, username, languageCode);
        return Api.ChatHistory(chatId).Last(m => m.FromUserId == userId && m.Text == text).MessageId;
    }

    /// <summary>Types a command and waits for the bot's answer threaded under it.</summary>
    public async Task<FakeMessage> SayAsync(long chatId, long userId, string text, int? replyTo = null, string? languageCode = null)
    {
        var id = Type(chatId, userId, text, replyTo, languageCode);
        return await Api.WaitForMessageAsync(chatId, m => m.ReplyToMessageId == id, Patience);
    }

    /// <summary>Opens an incident as the intake would, and waits for its card in the team chat.</summary>
    public async Task<(Incident Incident, FakeMessage Card)> OpenAsync(string title, Grade grade = Grade.General)
    {
        var incident = Bot.Database.Write(_ => Bot.Services.GetRequiredService<IncidentService>().Open(new NewAppearance(
            new SourceItem($"https://news.example.invalid/{Guid.NewGuid():N}", title, title, DateTimeOffset.UtcNow.AddMinutes(-3)),
            "县新闻", [new TopicMatch("医院投诉", ["投诉"])], DateTimeOffset.UtcNow)
        { Grade = grade }));
        var card = await CardAsync(incident.Number);
        return (incident, card);
    }

    public async Task<FakeMessage> CardAsync(string number, long chatId = BotHarness.TeamChat)
    {
        var card = await Api.WaitForMessageAsync(chatId, m => m.Text!.Contains(number) && m.Buttons.Count > 0, Patience);
        await Bot.CardStoredAsync(card);
        return card;
    }

    // Through Write, like the bot's own readers: LiteDB 5 readers on another thread can trip over a write in progress.
    public Incident Reload(Incident incident) => Bot.Database.Write(_ => Bot.Database.Incident(incident.Id));

    /// <summary>The number as people type it: without the year.</summary>
    public static string AsTyped(Incident incident) => incident.Number[5..].TrimStart('0');

    public async Task<string?> PressAsync(long chatId, long userId, FakeMessage message, string buttonText)
    {
        var id = Api.InjectCallback(chatId, userId, message.MessageId, message.ButtonData(buttonText)!);
        await Api.WaitUntilAsync(() => Api.CallbackAnswers.Any(a => a.CallbackQueryId == id), Patience);
        return Api.CallbackAnswers.Single(a => a.CallbackQueryId == id).Text;
    }

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}
