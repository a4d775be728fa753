using System.Text;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Storage;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/members</c>: supervisors list the team, add people as officers, members or supervisors, change roles and remove
/// people, without editing a file. Configured supervisors stay supervisors (change <c>Access</c> for that).
/// </summary>
public sealed class MemberCommands(OpinionDatabase db, PersonFinder persons, PeopleDirectory people, TimeProvider time) : ICommandFamily
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("members", t => t.MembersDescription, t => t.MembersUsage) { Required = Role.Supervisor, Menu = Role.Supervisor },
    ];

    public void Handle(CommandRequest request)
    {
        var words = request.Words;
        if (words.Count == 0)
        {
            request.Reply(List(request));
            return;
        }

        var verb = words[0].ToLowerInvariant();
        var adding = verb is "add" or "role" or "添加" or "设置";
        var removing = verb is "remove" or "移除" or "删除";
        var role = Role.Member;
        if (!((adding && words.Count is 2 or 3) || (removing && words.Count == 2)) ||
            (adding && words.Count == 3 && !CommandWords.TryRole(words[2], out role)))
        {
            request.ReplyUsage();
            return;
        }

        if (persons.Find(request.Message, words[1]) is not { } id)
        {
            request.Reply(request.Text.UnknownPerson(TypedText.Echo(words[1])));
            return;
        }

        var name = CardRenderer.Html(people.NameOf(id));
        var newRole = removing ? Role.Stranger : role;
        if (people.IsConfigured(id) && people.TeamRole(id) == Role.Supervisor && newRole != Role.Supervisor)
        {
            request.Reply(request.Text.ConfiguredSupervisor(name));
            return;
        }

        // Nobody may be left without a supervisor: that would lock the whole team out of the bot's settings.
        var supervisorsAfter = people.Team().Count(p => p.Role == Role.Supervisor && p.Id != id && (!people.IsOpen || p.Id == request.UserId)) +
                               (newRole == Role.Supervisor ? 1 : 0) + (people.IsOpen && id != request.UserId ? 1 : 0);
        if (supervisorsAfter == 0)
        {
            request.Reply(request.Text.LastSupervisor);
            return;
        }

        // Leaving open mode must not lock out the person doing it: they stay on as a supervisor.
        if (people.IsOpen && id != request.UserId)
        {
            db.Write(s => s.People.SaveMember(new TeamMember { Id = request.UserId, Role = Role.Supervisor, ChangedBy = request.UserId, ChangedAt = time.GetUtcNow() }));
        }

        // A removal is stored too, so it also overrides a role from Access.
        db.Write(s => s.People.SaveMember(new TeamMember { Id = id, Role = newRole, ChangedBy = request.UserId, ChangedAt = time.GetUtcNow() }));
        request.Reply(removing ? request.Text.MemberRemoved(name) : request.Text.MemberSet(name, request.Text.RoleName(newRole)));
    }

    private string List(CommandRequest request)
    {
        var text = request.Text;
        var team = people.Team();
        var html = new StringBuilder(text.MembersHeading(team.Count));
        foreach (var group in team.GroupBy(p => p.Role))
        {
            var names = group.Select(p => $"{CardRenderer.Html(people.NameOf(p.Id))} ({p.Id}){(people.IsConfigured(p.Id) ? " ⚙" : "")}");
            html.Append('\n').Append(text.RoleName(group.Key)).Append(text.IsChinese ? "：" : ": ").Append(string.Join(text.IsChinese ? "、" : ", ", names));
        }

        return html.Append('\n').Append(text.MembersFootnote).ToString();
    }
}
