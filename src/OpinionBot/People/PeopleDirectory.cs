using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Settings;
using OpinionBot.Storage;

namespace OpinionBot.People;

/// <summary>
/// The people and departments the bot works with: roles from <c>Access</c>, <c>/members</c> and <c>Departments</c>,
/// names from what Telegram told us.
/// </summary>
public sealed class PeopleDirectory(OpinionDatabase db, IOptionsMonitor<AccessOptions> access, IOptionsMonitor<MonitoringOptions> monitoring)
{
    public string NameOf(long userId) => db.Read(s => s.People.Find(userId))?.Name is { Length: > 0 } name ? name : $"#{userId}";

    /// <summary>Remembers a user's display name; joins the caller's write.</summary>
    public void Remember(long userId, string firstName, string? lastName, string? username, bool privateChat = false) => db.Write(s =>
    {
        var person = s.People.Find(userId) ?? new Person { Id = userId };
        var name = string.Join(' ', new[] { firstName, lastName }.Where(part => !string.IsNullOrWhiteSpace(part))).Trim();
        person.Name = name.Length > 64 ? name[..64] : name;
        person.Username = username;
        person.StartedPrivately |= privateChat;
        s.People.Save(person);
    });

    /// <summary>
    /// The role someone holds for an incident: their team role (see <see cref="TeamRole"/>), raised to Officer for
    /// their own department's incidents when they lead it, or Member when they belong to it. With nobody configured
    /// or added anywhere, the configured chats are the boundary and everyone in them may do everything.
    /// </summary>
    public Role RoleFor(long userId, Incident? incident = null)
    {
        if (IsOpen)
        {
            return Role.Supervisor;
        }

        var role = TeamRole(userId);
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

    /// <summary>
    /// The role from <c>Access</c> and <c>/members</c>: configured supervisors stay supervisors; a role set from the
    /// chat overrides the configured one (a removal included).
    /// </summary>
    /// <summary>
    /// Open mode: nobody is configured under <c>Access</c> or <c>Departments</c> nor added from the chat, so the configured
    /// group chats are the only boundary. Private chats get no rights in open mode (anyone can message a bot).
    /// </summary>
    public bool IsOpen
    {
        get
        {
            var options = access.CurrentValue;
            return options.Supervisors.Count == 0 && options.Officers.Count == 0 && options.Members.Count == 0 &&
                   monitoring.CurrentValue.Departments.Count == 0 && !db.Read(s => s.People.Members().Any(m => m.Role > Role.Stranger));
        }
    }

    public Role TeamRole(long userId)
    {
        var options = access.CurrentValue;
        if (options.Supervisors.Contains(userId))
        {
            return Role.Supervisor;
        }

        if (db.Read(s => s.People.Member(userId)) is { } stored)
        {
            return stored.Role;
        }

        return options.Officers.Contains(userId) ? Role.Officer : options.Members.Contains(userId) ? Role.Member : Role.Stranger;
    }


    /// <summary>Someone the bot works for: a team member, or a department's lead or member.</summary>
    public bool IsKnown(long userId) =>
        RoleFor(userId) >= Role.Member || monitoring.CurrentValue.Departments.Any(d => d.Lead == userId || d.Members.Contains(userId));

    /// <summary>Whether the role comes from <c>Access</c> alone (not set from the chat).</summary>
    public bool IsConfigured(long userId)
    {
        var options = access.CurrentValue;
        return options.Supervisors.Contains(userId) ||
               (db.Read(s => s.People.Member(userId)) is null && (options.Officers.Contains(userId) || options.Members.Contains(userId)));
    }

    /// <summary>Everyone with a team role: configured and added from the chat, supervisors first.</summary>
    public IReadOnlyList<(long Id, Role Role)> Team()
    {
        var options = access.CurrentValue;
        return options.Supervisors.Concat(options.Officers).Concat(options.Members).Concat(StoredIds())
            .Where(id => id != 0).Distinct().Select(id => (id, TeamRole(id))).Where(p => p.Item2 > Role.Stranger)
            .OrderByDescending(p => p.Item2).ToList();
    }

    /// <summary>People an incident can be assigned to: officers, supervisors, members, then department people.</summary>
    public IReadOnlyList<(long Id, string Name)> Assignable()
    {
        var options = access.CurrentValue;
        return options.Officers.Concat(options.Supervisors).Concat(options.Members)
            .Concat(StoredIds())
            .Concat(monitoring.CurrentValue.Departments.SelectMany(d => d.Members.Prepend(d.Lead)))
            .Where(id => id != 0).Distinct().Where(IsKnown).Select(id => (id, NameOf(id))).ToList();
    }

    private List<long> StoredIds() => db.Read(s => s.People.Members().Select(m => m.Id).ToList());

    /// <summary>The user id behind an @username the bot has seen, or null.</summary>
    public long? FindByUsername(string username)
    {
        var name = username.TrimStart('@');
        return name.Length == 0 ? null
            : db.Read(s => s.People.WithUsername(name))?.Id;
    }

    public IReadOnlyList<string> DepartmentNames() => monitoring.CurrentValue.Departments.Select(d => d.Name).ToList();

    public Department? DepartmentOf(string? name) => name is null ? null
        : monitoring.CurrentValue.Departments.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Department by its 1-based position in the picker; null when the data is out of range.</summary>
    public Department? DepartmentAt(long position) =>
        position >= 1 && position <= monitoring.CurrentValue.Departments.Count ? monitoring.CurrentValue.Departments[(int)position - 1] : null;

    public bool IsDepartmentChat(long chatId) => chatId != 0 && monitoring.CurrentValue.Departments.Any(d => d.Chat == chatId);

}
