namespace OpinionBot.People;

/// <summary>Someone the bot has seen: the name to show for a Telegram user id, and whether they started the bot privately.</summary>
public sealed class Person
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Username { get; set; }
    public bool StartedPrivately { get; set; }

    /// <summary>The group was told once that this person should start the bot privately to get direct messages.</summary>
    public bool AskedToStart { get; set; }
}
