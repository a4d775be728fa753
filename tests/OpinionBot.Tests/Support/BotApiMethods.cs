using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OpinionBot.Tests.Support;

/// <summary>Routes every method except getUpdates (which waits, see <see cref="UpdateQueue"/>); runs under the state lock.</summary>
internal sealed partial class BotApiMethods
{
    private readonly BotApiState state;
    private readonly Dictionary<string, Func<BotApiCall, BotApiReply>> methods;

    public BotApiMethods(BotApiState state)
    {
        this.state = state;
        var messages = new BotApiMessages(state);
        var edits = new BotApiEdits(state);
        methods = new(StringComparer.OrdinalIgnoreCase)
        {
            ["getMe"] = _ => BotApiReply.Ok(state.BotUser()),
            ["deleteWebhook"] = _ => BotApiReply.Ok(true),
            ["setMyCommands"] = SetCommands,
            ["deleteMyCommands"] = call =>
            {
                state.Commands.Remove(CommandsKey(call.Parameters));
                return BotApiReply.Ok(true);
            },
            ["getMyCommands"] = call =>
                BotApiReply.Ok(state.Commands.GetValueOrDefault(CommandsKey(call.Parameters))?.DeepClone() ?? new JsonArray()),
            ["sendMessage"] = messages.SendMessage,
            ["sendDocument"] = call => messages.SendFile(call, "document"),
            ["sendPhoto"] = call => messages.SendFile(call, "photo"),
            ["sendMediaGroup"] = new BotApiMediaGroup(state).Send,
            ["editMessageText"] = call => edits.EditText(call, caption: false),
            ["editMessageCaption"] = call => edits.EditText(call, caption: true),
            ["editMessageReplyMarkup"] = edits.EditMarkup,
            ["deleteMessage"] = edits.Delete,
            ["answerCallbackQuery"] = AnswerCallback,
            ["sendChatAction"] = call => BotApiChecks.Chat(state, call.Parameters, out _) ?? BotApiReply.Ok(true),
            ["getChat"] = call => BotApiChecks.Chat(state, call.Parameters, out var chat) ?? BotApiReply.Ok(BotApiJson.ChatFullInfo(chat)),
        };
    }

    public BotApiReply Invoke(BotApiCall call)
    {
        lock (state.Gate)
        {
            return methods.TryGetValue(call.Method, out var method)
                ? method(call)
                : BotApiReply.Error(404, "Not Found: method not found");
        }
    }

    /// <summary>Commands are stored per scope and language, as Telegram keeps them.</summary>
    public static string CommandsKey(string scopeType, long? scopeChatId, string? languageCode) =>
        $"{scopeType}:{scopeChatId}:{languageCode}";

    private static string CommandsKey(JsonObject parameters)
    {
        var scope = parameters.Object("scope");
        return CommandsKey(scope?.Text("type") ?? "default", scope?.Long("chat_id"), parameters.Text("language_code") ?? "");
    }

    private BotApiReply SetCommands(BotApiCall call)
    {
        if (call.Parameters["commands"] is not JsonArray commands)
        {
            return BotApiReply.BadRequest("parameter \"commands\" is required");
        }

        foreach (var command in commands)
        {
            var name = command?.AsObject().Text("command") ?? "";
            var description = command?.AsObject().Text("description") ?? "";
            if (!CommandName().IsMatch(name) || description.Length is 0 or > 256)
            {
                return BotApiReply.BadRequest("BOT_COMMAND_INVALID");
            }
        }

        state.Commands[CommandsKey(call.Parameters)] = (JsonArray)commands.DeepClone();
        return BotApiReply.Ok(true);
    }

    private BotApiReply AnswerCallback(BotApiCall call)
    {
        var id = call.Parameters.Text("callback_query_id") ?? "";
        if (!state.OpenCallbacks.Remove(id))
        {
            return BotApiReply.BadRequest("query is too old and response timeout expired or query ID is invalid");
        }

        state.CallbackAnswers.Add(new CallbackAnswer(id, call.Parameters.Text("text"), call.Parameters.Flag("show_alert")));
        return BotApiReply.Ok(true);
    }

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandName();
}
