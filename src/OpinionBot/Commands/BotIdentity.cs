using OpinionBot.Chat;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary>The bot's own @username, learned at start (getMe), to tell <c>/help@ThisBot</c> from another bot's command.</summary>
public sealed class BotIdentity
{
    private volatile string? _username;

    public string? Username
    {
        get => _username;
        set => _username = value;
    }

    /// <summary>Before getMe has answered, any addressed command is taken as ours.</summary>
    public bool IsMe(string botName) => _username is not { } name || string.Equals(name, botName, StringComparison.OrdinalIgnoreCase);
}
