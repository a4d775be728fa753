namespace OpinionBot.Incidents;

/// <summary>Who acted: a Telegram user, or the bot itself for automatic steps.</summary>
public sealed record Actor(long Id, string Name)
{
    public static Actor Bot { get; } = new(0, "OpinionBot");
}
