using System.Text;
using OpinionBot.Chat;
using OpinionBot.Tests.Commands;
using OpinionBot.Tests.EndToEnd;
using Xunit;
using Xunit.Abstractions;

namespace OpinionBot.Tests.Chat;

/// <summary>
/// Thousands of generated commands (known and unknown names, hostile arguments and Unicode) from team members and
/// strangers, in the team, department, unconfigured and private chats: every one is answered, none breaks a limit.
/// Deliberately ignored: a command addressed to another bot (<c>/help@other_bot</c>).
/// </summary>
public sealed class CommandFuzzTests(ITestOutputHelper output)
{
    private const long DepartmentChat = -2001;
    private const long UnconfiguredChat = -5555;
    private const int Commands = 2000;
    private const int Batch = 250;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly string[] Names =
    [
        "help", "start", "status", "incidents", "incident", "mine", "assign", "escalate", "resolve", "report", "sendback",
        "note", "grade", "mute", "ledger", "special", "evidence", "oncall", "members", "lang", "sources", "topics",
        "heightened", "watch", "unwatch", "foo", "Help", "举报", "a", "incident_1", "x" + new string('y', 40),
    ];

    private static readonly string[] Words =
    [
        "1", "2", "42", "2026-0001", "2026-0002", "0", "-5", "99999999999999999999", "2026-11-01", "11-01", "2026-13-45",
        "昨天", "csv", "xlsx", "daily", "weekly", "monthly", "日报", "zh", "en", "rotate", "shift", "swap", "clear", "add",
        "list", "search", "edit", "pause", "resume", "remove", "test", "off", "30m", "2h", "999d", "重大", "较大", "一般",
        "逾期", "全部", "@zhangsan", "@lisi", "@nobody", "501", "卫健局", "澄清回应", "start", "end", "<b>", "</code>",
        "&amp;", "&", "<", "\"引号\"", "😀", "👨‍👩‍👧", "\u202e反向", "\u200b", "e\u0301", "\t", "every", "5m", "http://127.0.0.1/x",
        "医院+投诉", "(a|b)-c", "member", "officer", "supervisor", "08:00",
    ];

    [Fact]
    public async Task TwoThousandFuzzedCommands_AreAllAnsweredOrDeliberatelyIgnored_WithinTelegramLimits()
    {
        await using var chat = await CommandChat.StartAsync(settings =>
        {
            settings["Departments:0:Name"] = "卫健局";
            settings["Departments:0:Chat"] = DepartmentChat.ToString();
            settings["Departments:0:Lead"] = "701";
        });
        await chat.OpenAsync("县医院投诉一");
        await chat.OpenAsync("县医院投诉二");
        var api = chat.Api;
        var database = chat.Bot.Database;
        (long Chat, long User, string Type)[] speakers =
        [
            (BotHarness.TeamChat, BotHarness.Officer, "group"), (BotHarness.TeamChat, BotHarness.Supervisor, "group"),
            (BotHarness.TeamChat, CommandChat.Member, "group"), (BotHarness.TeamChat, BotHarness.Stranger, "group"),
            (DepartmentChat, 701, "group"), (DepartmentChat, BotHarness.SecondOfficer, "group"),
            (UnconfiguredChat, BotHarness.Officer, "group"), (BotHarness.Officer, BotHarness.Officer, "private"),
            (BotHarness.Supervisor, BotHarness.Supervisor, "private"), (BotHarness.Stranger, BotHarness.Stranger, "private"),
        ];
        var random = new Random(20261130);
        var missed = new List<string>();
        var ignored = 0;
        for (var start = 0; start < Commands; start += Batch)
        {
            var typed = new List<(long Chat, long User, string Type, string Text, int MessageId)>();
            var lastUpdate = 0;
            for (var i = start; i < start + Batch; i++)
            {
                var (chatId, userId, type) = speakers[random.Next(speakers.Length)];
                var (text, ignore) = Command(random);
                lastUpdate = api.InjectMessage(chatId, userId, text, chatType: type);
                if (ignore)
                {
                    ignored++;
                    continue;
                }

                typed.Add((chatId, userId, type, text, api.ChatHistory(chatId)[^1].MessageId));
            }

            await Settled(chat, lastUpdate);
            foreach (var command in typed.Where(c => !api.Messages(c.Chat).Any(m => m.ReplyToMessageId == c.MessageId)))
            {
                // Not threaded (a card posted again, say): typed once more alone, any new message in the chat answers it.
                var before = api.Messages(command.Chat).Count;
                await Settled(chat, api.InjectMessage(command.Chat, command.User, command.Text, chatType: command.Type));
                if (api.Messages(command.Chat).Count == before)
                {
                    missed.Add($"{command.Chat}/{command.User}: {Shorten(command.Text)}");
                }
            }
        }

        var refused = api.AllRequests.Where(r => r.Method is "sendMessage" or "sendDocument" or "sendPhoto" or "editMessageText" && r.Status >= 400).ToList();
        var cut = api.AllRequests.Where(r => r.Method == "sendMessage" && r.Parameters.GetProperty("text").GetString()!.Contains("已截断", StringComparison.Ordinal))
            .Select(r => Shorten(r.Parameters.GetProperty("text").GetString()!)).ToList();
        output.WriteLine($"{Commands} commands, {ignored} deliberately ignored, {missed.Count} unanswered, {refused.Count} refused by Telegram, {cut.Count} cut to fit");
        Assert.True(missed.Count == 0, "Unanswered:\n" + string.Join("\n", missed));
        Assert.True(refused.Count == 0, "Refused:\n" + string.Join("\n", refused.Select(r => Shorten(r.ToString()))));
        Assert.True(cut.Count == 0, "Cut to fit:\n" + string.Join("\n", cut));
    }

    /// <summary>Waits until the update is handled and the outbox has nothing left to send.</summary>
    private static Task Settled(CommandChat chat, int updateId)
    {
        var database = chat.Bot.Database;
        return chat.Api.WaitUntilAsync(() => database.Read(s => s.Counters.Get(UpdateRouter.LastUpdateKey)) >= updateId &&
                                             database.Read(s => s.Outbox.WaitingCount()) == 0, Patience);
    }

    private static (string Text, bool Ignored) Command(Random random)
    {
        var name = Names[random.Next(Names.Length)];
        var suffix = random.Next(20) switch
        {
            0 => "@opinion_test_bot",
            1 => "@other_bot",
            _ => "",
        };
        var text = new StringBuilder("/").Append(name).Append(suffix);
        for (var words = random.Next(5); words > 0; words--)
        {
            text.Append(' ').Append(random.Next(12) switch
            {
                0 => new string('长', random.Next(100, 3000)),
                1 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0x20, 0x3000))),
                _ => Words[random.Next(Words.Length)],
            });
        }

        // Telegram marks only Latin letters, digits and _ as a command name: "/举报" is plain text to it, and to the bot.
        return (text.ToString(), suffix == "@other_bot" || !name.All(char.IsAsciiLetterOrDigit));
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
