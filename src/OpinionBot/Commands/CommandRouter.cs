using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace OpinionBot.Commands;

/// <summary>
/// Dispatches <c>/command@bot arguments</c> to the family that owns the command, after the rules every command shares:
/// only configured group chats and private chats, only people the bot works for, the command's least role. An unknown
/// command gets help. Runs inside the update's transaction, so replies land with the change or not at all.
/// </summary>
public sealed class CommandRouter
{
    public const string HelpCommand = "help";

    private readonly Dictionary<string, (ICommandFamily Family, CommandSpec Spec)> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ICommandButtons> _buttons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Role> _buttonRoles = new(StringComparer.Ordinal);
    private readonly PeopleDirectory _people;
    private readonly ConfiguredChats _chats;
    private readonly ChatLanguages _languages;
    private readonly BotIdentity _identity;
    private readonly Outbox _outbox;

    public CommandRouter(IEnumerable<ICommandFamily> families, IEnumerable<ICommandButtons> buttons, PeopleDirectory people,
        ConfiguredChats chats, ChatLanguages languages, BotIdentity identity, Outbox outbox)
    {
        foreach (var family in families)
        {
            foreach (var spec in family.Commands)
            {
                // Two families claiming one name is a wiring mistake, caught when the host starts.
                _commands.Add(spec.Name, (family, spec));
            }
        }

        foreach (var family in buttons)
        {
            _buttons.Add(family.Key, family);
            if (family is ICommandFamily commands && commands.Commands.Count > 0)
            {
                _buttonRoles.Add(family.Key, commands.Commands.Min(c => c.Required));
            }
        }

        Catalog = _commands.Values.Select(c => c.Spec).ToList();
        (_people, _chats, _languages, _identity, _outbox) = (people, chats, languages, identity, outbox);
    }

    public IReadOnlyList<CommandSpec> Catalog { get; }

    /// <summary>Handles the message if it is a command; false for anything else.</summary>
    public bool TryHandle(Message message)
    {
        if (message.From is not { IsBot: false } from || !CommandLine.TryParse(message.Text, out var line))
        {
            return false;
        }

        if (line.BotName is { } botName && !_identity.IsMe(botName))
        {
            return true; // meant for another bot in the group
        }

        var chatId = message.Chat.Id;
        var isPrivate = message.Chat.Type == ChatType.Private;
        var text = _languages.For(chatId, isPrivate, from.LanguageCode);
        void Say(string html) => _outbox.Send(chatId, html, replyTo: message.MessageId);
        if (!isPrivate && !_chats.Contains(chatId))
        {
            Say(text.ChatNotConfigured(chatId));
            return true;
        }

        var known = _commands.TryGetValue(line.Name, out var target);
        if (!known)
        {
            target = _commands[HelpCommand];
        }

        var (family, spec) = target;
        if (spec.Required >= Role.Member && (!_people.IsKnown(from.Id) || (isPrivate && _people.IsOpen)))
        {
            Say(text.NotOnTeam(from.Id));
        }
        else if (spec.Required > Role.Member && _people.RoleFor(from.Id) < spec.Required)
        {
            Say(text.CommandForbidden(spec.Required));
        }
        else if (isPrivate ? !spec.InPrivate : !spec.InGroups)
        {
            Say(isPrivate ? text.GroupOnly : text.PrivateOnly);
        }
        else
        {
            family.Handle(new CommandRequest(message, spec, known ? line.Arguments : "", text, Catalog, _outbox)
            {
                Unknown = known ? null : line.Name,
            });
        }

        return true;
    }

    /// <summary>Handles a press on a command's button (data <c>/key:payload</c>) and returns the toast; null for other buttons.</summary>
    public string? TryPress(CallbackQuery query)
    {
        if (query.Data is not { Length: > 1 } data || data[0] != '/')
        {
            return null;
        }

        var chatId = query.Message?.Chat.Id ?? 0;
        var isPrivate = query.Message?.Chat.Type == ChatType.Private;
        var text = _languages.For(chatId, isPrivate, query.From.LanguageCode);
        var colon = data.IndexOf(':', StringComparison.Ordinal);
        if (query.Message is null || colon < 2 || !_buttons.TryGetValue(data[1..colon], out var family))
        {
            return text.BadButton;
        }

        if (!isPrivate && !_chats.Contains(chatId))
        {
            return text.NotAllowedHere;
        }

        // Presses on a command's page buttons need the same standing as the command, and never touch a card.
        if (!_people.IsKnown(query.From.Id) || (isPrivate && _people.IsOpen) || _outbox.IsCard(chatId, query.Message.MessageId))
        {
            return text.NotAMember;
        }

        if (_buttonRoles.TryGetValue(family.Key, out var required) && _people.RoleFor(query.From.Id) < required)
        {
            return text.CommandForbidden(required);
        }

        return family.Press(new ButtonRequest(query, data[(colon + 1)..], text, _outbox));
    }
}
