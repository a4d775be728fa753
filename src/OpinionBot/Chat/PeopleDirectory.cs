using Microsoft.Extensions.Options;
using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>Names and roles of the people the bot works with: configured ids, named from what Telegram told us.</summary>
public sealed class PeopleDirectory(OpinionDatabase db, IOptionsMonitor<AccessOptions> access)
{
    public string NameOf(long userId) => db.People.FindById(userId)?.Name is { Length: > 0 } name ? name : $"#{userId}";

    /// <summary>Remembers a user's display name; call inside a write.</summary>
    public void Remember(long userId, string firstName, string? lastName, string? username, bool privateChat = false)
    {
        var person = db.People.FindById(userId) ?? new Person { Id = userId };
        var name = string.Join(' ', new[] { firstName, lastName }.Where(s => !string.IsNullOrWhiteSpace(s))).Trim();
        person.Name = name.Length > 64 ? name[..64] : name;
        person.Username = username;
        person.StartedPrivately |= privateChat;
        db.People.Upsert(person);
    }

    public bool IsSupervisor(long userId) => access.CurrentValue.Supervisors.Contains(userId);

    /// <summary>
    /// Team members may act on cards. With no one configured under <c>Access</c>, the configured chats are the boundary.
    /// </summary>
    public bool IsTeamMember(long userId)
    {
        var options = access.CurrentValue;
        return (options.Supervisors.Count == 0 && options.Officers.Count == 0) ||
               options.Supervisors.Contains(userId) || options.Officers.Contains(userId);
    }

    /// <summary>People an incident can be assigned to: officers first, then supervisors.</summary>
    public IReadOnlyList<(long Id, string Name)> Assignable() =>
        access.CurrentValue.Officers.Concat(access.CurrentValue.Supervisors).Distinct().Select(id => (id, NameOf(id))).ToList();
}
