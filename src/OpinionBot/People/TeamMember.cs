using OpinionBot.Incidents;

namespace OpinionBot.People;

/// <summary>
/// A role set from the chat with <c>/members</c>. It overrides the configured role, except that configured supervisors
/// stay supervisors; <see cref="Role.Stranger"/> records a removal.
/// </summary>
public sealed class TeamMember
{
    /// <summary>The Telegram user id.</summary>
    public long Id { get; set; }

    public Role Role { get; set; }
    public long ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
