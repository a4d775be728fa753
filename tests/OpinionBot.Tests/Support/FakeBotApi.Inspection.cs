using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

public sealed partial class FakeBotApi
{
    /// <summary>Messages the bot sent to this chat and has not deleted, oldest first, with edits applied.</summary>
    public IReadOnlyList<FakeMessage> Messages(long chatId) => History(chatId, botOnly: true);

    /// <summary>Every message in the chat, injected user messages included.</summary>
    public IReadOnlyList<FakeMessage> ChatHistory(long chatId) => History(chatId, botOnly: false);

    public IReadOnlyList<CallbackAnswer> CallbackAnswers
    {
        get
        {
            lock (state.Gate)
            {
                return [.. state.CallbackAnswers];
            }
        }
    }

    /// <summary>Every call so far, failed ones included, in arrival order (getUpdates when its long poll ended).</summary>
    public IReadOnlyList<RecordedRequest> AllRequests
    {
        get
        {
            lock (state.Gate)
            {
                return [.. state.Requests];
            }
        }
    }

    /// <summary>Updates injected but not yet confirmed by a getUpdates with a higher offset.</summary>
    public int PendingUpdates => updates.Pending;

    /// <summary>getUpdates calls parked right now: a quick way to know the bot's poller is running.</summary>
    public int PollersWaiting => updates.Waiting;

    /// <summary>Calls of one method (case-insensitive, as Telegram treats method names).</summary>
    public IReadOnlyList<RecordedRequest> Requests(string method) =>
        [.. AllRequests.Where(request => string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The commands set for a scope ("default", "all_group_chats", "chat" with its id) and language.</summary>
    public IReadOnlyList<(string Command, string Description)> MyCommands(
        string scope = "default", long? scopeChatId = null, string languageCode = "")
    {
        lock (state.Gate)
        {
            var commands = state.Commands.GetValueOrDefault(BotApiMethods.CommandsKey(scope, scopeChatId, languageCode));
            return commands is null ? [] : [.. commands.Select(command =>
                (command!["command"]!.GetValue<string>(), command["description"]!.GetValue<string>()))];
        }
    }

    /// <summary>Polls the condition every 20 ms; on timeout (default 10 s) throws with a dump of recorded calls.</summary>
    public async Task WaitUntilAsync(
        Func<bool> condition,
        TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(condition))] string? description = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        while (!condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (condition())
                {
                    return;
                }

                throw new TimeoutException($"Not true after {limit.TotalSeconds:0.###} s: {description}\n{Describe()}");
            }
        }
    }

    /// <summary>Waits for a bot message in the chat that matches, and returns it.</summary>
    public async Task<FakeMessage> WaitForMessageAsync(
        long chatId, Func<FakeMessage, bool> match, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        FakeMessage? found = null;
        await WaitUntilAsync(
            () => (found = Messages(chatId).LastOrDefault(match)) is not null,
            timeout,
            $"a bot message in chat {chatId} that matches",
            cancellationToken);
        return found!;
    }

    /// <summary>Chats, messages and the last calls, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var requests = AllRequests;
        var polls = requests.Count(request => request.Method == "getUpdates");
        text.AppendLine($"Recorded {requests.Count} calls ({polls} getUpdates, {PendingUpdates} updates pending); the last 40 others:");
        foreach (var request in requests.Where(request => request.Method != "getUpdates").TakeLast(40))
        {
            text.AppendLine("  " + request);
        }

        lock (state.Gate)
        {
            foreach (var message in state.AllChats.SelectMany(chat => chat.Messages.Values).Select(Snapshot))
            {
                var body = message.Text is { Length: > 100 } longText ? longText[..100] + "…" : message.Text;
                var buttons = string.Join(" | ", message.ButtonTexts);
                text.AppendLine($"  chat {message.ChatId} #{message.MessageId} from {message.FromUserId}: {body} [{buttons}]");
            }
        }

        return text.ToString();
    }

    private List<FakeMessage> History(long chatId, bool botOnly)
    {
        lock (state.Gate)
        {
            return !state.TryFindChat(chatId, out var chat) ? [] : [.. chat.Messages.Values
                .Where(message => !botOnly || message.FromId == state.BotId)
                .Select(Snapshot)];
        }
    }

    private static FakeMessage Snapshot(StoredMessage message) => new(
        message.MessageId,
        message.ChatId,
        message.Text,
        Buttons(message.Markup),
        message.ReplyTo,
        message.Edits,
        message.Kind,
        message.ParseMode,
        message.FileName,
        message.FileBytes,
        message.FromId,
        message.Date);

    private static List<IReadOnlyList<(string Text, string Data)>> Buttons(JsonObject? markup) =>
        markup?["inline_keyboard"] is not JsonArray rows ? [] : [.. rows.Select(row =>
            (IReadOnlyList<(string, string)>)[.. row!.AsArray().Select(button =>
                (button!.AsObject().Text("text") ?? "", button.AsObject().Text("callback_data") ?? button.AsObject().Text("url") ?? ""))])];
}
