using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>
/// The people and departments the bot works with: roles from <c>Access</c> and <c>Departments</c>, names from what
/// Telegram told us.
/// </summary>
public sealed class PeopleDirectory(OpinionDatabase db, IOptionsMonitor<AccessOptions> access, IOptionsMonitor<MonitoringOptions> monitoring)
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

    /// <summary>
    /// The role someone holds for an incident: their configured role, raised to Officer for their own department's
    /// incidents when they lead it, or Member when they belong to it. With nobody configured anywhere, the configured
    /// chats are the boundary and everyone in them may do everything.
    /// </summary>
    public Role RoleFor(long userId, Incident? incident = null)
    {
        var options = access.CurrentValue;
        var departments = monitoring.CurrentValue.Departments;
        if (options.Supervisors.Count == 0 && options.Officers.Count == 0 && options.Members.Count == 0 && departments.Count == 0)
        {
            return Role.Supervisor;
        }

        var role = options.Supervisors.Contains(userId) ? Role.Supervisor
            : options.Officers.Contains(userId) ? Role.Officer
            : options.Members.Contains(userId) ? Role.Member
            : Role.Stranger;
        var own = DepartmentOf(incident?.Department);
        if (own is not null && own.Lead == userId && role < Role.Officer)
        {
            role = Role.Officer;
        }
        else if (own is not null && own.Members.Contains(userId) && role < Role.Member)
        {
            role = Role.Member;
        }

        return role;
    }

    public bool IsSupervisor(long userId) => access.CurrentValue.Supervisors.Contains(userId);

    /// <summary>People an incident can be assigned to: officers, supervisors, then department members.</summary>
    public IReadOnlyList<(long Id, string Name)> Assignable()
    {
        var options = access.CurrentValue;
        return options.Officers.Concat(options.Supervisors).Concat(options.Members)
            .Concat(monitoring.CurrentValue.Departments.SelectMany(d => d.Members.Prepend(d.Lead)))
            .Where(id => id != 0).Distinct().Select(id => (id, NameOf(id))).ToList();
    }

    public IReadOnlyList<string> DepartmentNames() => monitoring.CurrentValue.Departments.Select(d => d.Name).ToList();

    public Department? DepartmentOf(string? name) => name is null ? null
        : monitoring.CurrentValue.Departments.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Department by its 1-based position in the picker; null when the data is out of range.</summary>
    public Department? DepartmentAt(long position) =>
        position >= 1 && position <= monitoring.CurrentValue.Departments.Count ? monitoring.CurrentValue.Departments[(int)position - 1] : null;

    public bool IsDepartmentChat(long chatId) => chatId != 0 && monitoring.CurrentValue.Departments.Any(d => d.Chat == chatId);

    public bool HasStartedPrivately(long userId) => db.People.FindById(userId)?.StartedPrivately == true;
}
