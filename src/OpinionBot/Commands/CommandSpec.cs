using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Text;

namespace OpinionBot.Commands;

/// <summary>
/// One command as people see it: its name, who may use it, who finds it in Telegram's command menu, and its
/// description and usage line in the reader's language.
/// </summary>
public sealed record CommandSpec(string Name, Func<Strings, string> Description, Func<Strings, string> Usage)
{
    /// <summary>
    /// Least role to use it. <see cref="Role.Member"/> means anyone the bot works for (department people included);
    /// <see cref="Role.Stranger"/> means everyone. Finer rules (per incident) are the family's.
    /// </summary>
    public Role Required { get; init; } = Role.Member;

    /// <summary>Least role that sees it in the command menu and in <c>/help</c>.</summary>
    public Role Menu { get; init; } = Role.Member;

    public bool InGroups { get; init; } = true;
    public bool InPrivate { get; init; } = true;
}

/// <summary>
/// A family of related commands, one small class each (<c>/oncall</c>, <c>/members</c>, ...). Register a new family
/// as <c>ICommandFamily</c> in DI and the router, <c>/help</c> and the command menus pick it up.
/// </summary>
public interface ICommandFamily
{
    IReadOnlyList<CommandSpec> Commands { get; }

    /// <summary>Handles one of its commands inside the update's transaction; replies go through the request.</summary>
    void Handle(CommandRequest request);
}

/// <summary>A family whose replies carry buttons (paged lists). Their data is <c>/{Key}:{payload}</c>, at most 64 bytes.</summary>
public interface ICommandButtons
{
    string Key { get; }

    /// <summary>Handles a press inside the update's transaction; returns the toast (empty for none).</summary>
    string Press(ButtonRequest request);
}
