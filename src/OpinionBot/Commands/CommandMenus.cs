using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Storage;
using OpinionBot.Text;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace OpinionBot.Commands;

/// <summary>
/// Registers the command menus with Telegram once at start (setMyCommands), per scope: members' commands in every group
/// and private chat; everything in the supervisors' chat and for each supervisor in the team chat; officers' commands
/// for each officer there. Chinese by default, English for apps set to English. Failures are logged, never fatal.
/// </summary>
public sealed class CommandMenus(
    ITelegramBotClient bot,
    OpinionDatabase db,
    CommandRouter router,
    BotIdentity identity,
    PeopleDirectory people,
    IOptionsMonitor<ChatsOptions> chats,
    ILogger<CommandMenus> logger) : BackgroundService
{
    private const int MaxDescription = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            identity.Username = (await bot.GetMe(stoppingToken)).Username;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not learn the bot's username: {Error}", ex.Message);
        }

        foreach (var (text, language) in new[] { (Strings.Chinese, (string?)null), (Strings.English, "en") })
        {
            foreach (var (scope, role, inPrivate) in Scopes())
            {
                await SetAsync(text, language, scope, role, inPrivate, stoppingToken);
            }
        }
    }

    /// <summary>Each scope with the least role whose commands it shows.</summary>
    private List<(BotCommandScope Scope, Role Role, bool Private)> Scopes()
    {
        var configured = chats.CurrentValue;
        var scopes = new List<(BotCommandScope, Role, bool)>
        {
            (BotCommandScope.AllPrivateChats(), Role.Member, true),
            (BotCommandScope.AllGroupChats(), Role.Member, false),
        };
        if (configured.Supervisors != 0)
        {
            scopes.Add((BotCommandScope.Chat(configured.Supervisors), Role.Supervisor, false));
        }

        // Read under the database's write lock, like every other reader on a background thread that looks up several rows.
        scopes.AddRange(db.Write(_ => people.Team()).Where(p => p.Role >= Role.Officer)
            .Select(p => ((BotCommandScope)BotCommandScope.ChatMember(configured.Team, p.Id), p.Role, false)));
        return scopes;
    }

    private async Task SetAsync(Strings text, string? language, BotCommandScope scope, Role role, bool inPrivate, CancellationToken cancellationToken)
    {
        var commands = router.Catalog
            .Where(c => c.Menu <= role && (inPrivate ? c.InPrivate : c.InGroups))
            .Select(c => new BotCommand(c.Name, CardRenderer.Shorten(c.Description(text), MaxDescription)))
            .ToList();
        try
        {
            await bot.SetMyCommands(commands, scope, language, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A missing menu is an inconvenience: commands still work when typed.
            logger.LogWarning("Could not register the {Scope} command menu ({Language}): {Error}", scope.Type, language ?? "zh", ex.Message);
        }
    }
}
