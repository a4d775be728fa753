using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/help</c> lists the commands the reader may use; <c>/start</c> in a private chat also signs the person up for
/// direct messages (the update router has already recorded that they started the bot) and says what they will get.
/// </summary>
public sealed class HelpCommands(PeopleDirectory people, ChatLanguages languages) : ICommandFamily
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new(CommandRouter.HelpCommand, t => t.HelpDescription, _ => "/help") { Required = Role.Stranger },
        new("start", t => t.StartDescription, _ => "/start") { Required = Role.Stranger },
    ];

    public void Handle(CommandRequest request)
    {
        var text = request.Text;
        var known = people.IsKnown(request.UserId);
        var starting = request.Spec.Name == "start" && request.IsPrivate;
        if (!known)
        {
            request.Reply(text.NotOnTeam(request.UserId));
            return;
        }

        if (starting && !languages.HasChosen(request.ChatId))
        {
            languages.Set(request.ChatId, text); // direct messages follow the language their app uses
        }

        var intro = starting ? text.StartedPrivately + "\n\n"
            : request.Unknown is { } unknown ? text.UnknownCommand(CardRenderer.Html(unknown)) + "\n\n" : "";
        var role = (Role)Math.Max((int)people.RoleFor(request.UserId), (int)Role.Member);
        var lines = request.Catalog
            .Where(c => c.Menu <= role && (request.IsPrivate ? c.InPrivate : c.InGroups))
            .Select(c => $"{CardRenderer.Html(c.Usage(text))} — {CardRenderer.Html(c.Description(text))}");
        request.Reply(intro + text.HelpHeading + "\n" + string.Join("\n", lines));
    }
}
