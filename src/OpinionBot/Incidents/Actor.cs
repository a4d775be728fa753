namespace OpinionBot.Incidents;

/// <summary>Who acted, with the role they hold for the incident at hand; the bot itself acts as a supervisor.</summary>
public sealed record Actor(long Id, string Name, Role Role = Role.Supervisor)
{
    public static Actor Bot { get; } = new(0, "OpinionBot");
}
