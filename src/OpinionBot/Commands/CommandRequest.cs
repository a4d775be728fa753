using OpinionBot.Chat;
using OpinionBot.People;
using OpinionBot.Text;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace OpinionBot.Commands;

/// <summary>One command being handled: who sent it where, its arguments, the reader's language, and how to answer.</summary>
public sealed class CommandRequest(Message message, CommandSpec spec, string arguments, Strings text,
    IReadOnlyList<CommandSpec> catalog, Outbox outbox)
{
    public Message Message => message;
    public CommandSpec Spec => spec;
    public long ChatId => message.Chat.Id;
    public long UserId => message.From!.Id;
    public bool IsPrivate => message.Chat.Type == ChatType.Private;
    public string Arguments => arguments;
    public IReadOnlyList<string> Words { get; } = arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    public Strings Text => text;

    /// <summary>Every command the bot knows, for <c>/help</c>.</summary>
    public IReadOnlyList<CommandSpec> Catalog => catalog;

    /// <summary>The command name typed when it was unknown and help answers instead.</summary>
    public string? Unknown { get; init; }

    /// <summary>The arguments after the first <paramref name="words"/> words, spacing kept (notes, reasons).</summary>
    public string After(int words)
    {
        var rest = arguments.Trim();
        for (var i = 0; i < words && rest.Length > 0; i++)
        {
            var end = 0;
            while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
            {
                end++;
            }

            rest = rest[end..].TrimStart();
        }

        return rest;
    }

    /// <summary>Answers in the same chat, threaded under the command.</summary>
    public void Reply(string html, List<List<ButtonSpec>>? buttons = null) =>
        outbox.Send(ChatId, html, buttons, replyTo: message.MessageId);

    /// <summary>Answers with what was wrong (if given) and the command's usage line.</summary>
    public void ReplyUsage(string? problem = null) =>
        Reply((problem is null ? "" : problem + "\n") + text.UsageLine(CardRenderer.Html(spec.Usage(text))));
}

/// <summary>A press on a button of a command's reply (a list page), with the message to edit.</summary>
public sealed class ButtonRequest(CallbackQuery query, string payload, Strings text, Outbox outbox)
{
    public CallbackQuery Query => query;
    public string Payload => payload;
    public Strings Text => text;
    public long ChatId => query.Message!.Chat.Id;
    public long UserId => query.From.Id;

    public void Edit(string html, List<List<ButtonSpec>>? buttons) =>
        outbox.EditMessage(ChatId, query.Message!.MessageId, html, buttons);
}
