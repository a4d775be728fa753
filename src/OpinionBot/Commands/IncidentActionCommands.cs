using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Text;

namespace OpinionBot.Commands;

/// <summary>
/// The card's actions as commands, for people who type faster than they tap: <c>/assign</c>, <c>/escalate</c>,
/// <c>/resolve</c>, <c>/report</c>, <c>/sendback</c>, <c>/note</c>, plus <c>/grade</c> and <c>/mute</c>. The incident is
/// named by number or by replying to its card; permissions are exactly the buttons' (role for that incident).
/// </summary>
public sealed class IncidentActionCommands : ICommandFamily
{
    private static readonly TimeSpan LongestMute = TimeSpan.FromDays(7);

    /// <summary>An action that already answered for itself.</summary>
    private static readonly ActionResult Answered = new(ActionOutcome.Unchanged, null);

    private readonly IncidentService _incidents;
    private readonly IncidentFinder _finder;
    private readonly PersonFinder _persons;
    private readonly PeopleDirectory _people;
    private readonly CardRenderer _renderer;
    private readonly TimeProvider _time;
    private readonly PeriodReportCommand _periodReports;
    private readonly Dictionary<string, Func<Target, ActionResult?>> _actions;

    public IncidentActionCommands(IncidentService incidents, IncidentFinder finder, PersonFinder persons, PeopleDirectory people,
        CardRenderer renderer, TimeProvider time, PeriodReportCommand periodReports)
    {
        (_incidents, _finder, _persons, _people, _renderer, _time) = (incidents, finder, persons, people, renderer, time);
        _periodReports = periodReports;
        _actions = new(StringComparer.Ordinal)
        {
            ["assign"] = Assign,
            ["escalate"] = t => Apply(t, IncidentAction.Escalate, comment: Blank(t.Rest)),
            ["resolve"] = t => t.Words is [var word] && CommandWords.TryOutcome(word, out var outcome)
                ? Apply(t, IncidentAction.Resolve, outcome: outcome) : null,
            ["report"] = t => t.Words.Count == 0 ? Apply(t, IncidentAction.Report) : null,
            ["sendback"] = t => t.Rest.Length > 0 ? Apply(t, IncidentAction.SendBack, comment: t.Rest) : null,
            ["note"] = t => t.Rest.Length > 0 ? _incidents.Note(t.Incident.Id, t.Actor, t.Rest) : null,
            ["grade"] = t => t.Words.Count > 0 && CommandWords.TryGrade(t.Words[0], out var grade)
                ? _incidents.ChangeGrade(t.Incident.Id, t.Actor, grade, Blank(t.Request.After(t.Skipped + 1))) : null,
            ["mute"] = Mute,
        };
        Commands =
        [
            new("assign", s => s.AssignDescription, s => s.AssignUsage) { Menu = Role.Officer },
            new("escalate", s => s.EscalateDescription, s => s.EscalateUsage) { Menu = Role.Officer },
            new("resolve", s => s.ResolveDescription, s => s.ResolveUsage) { Menu = Role.Officer },
            new("report", s => s.ReportDescription + s.PeriodReportDescription, s => s.ReportUsage + "\n" + s.PeriodReportUsage),
            new("sendback", s => s.SendBackDescription, s => s.SendBackUsage),
            new("note", s => s.NoteDescription, s => s.NoteUsage),
            new("grade", s => s.GradeDescription, s => s.GradeUsage) { Menu = Permissions.ChangeGrade },
            new("mute", s => s.MuteDescription, s => s.MuteUsage) { Menu = Permissions.Mute },
        ];
    }

    public IReadOnlyList<CommandSpec> Commands { get; }

    public void Handle(CommandRequest request)
    {
        // "/report weekly" asks for a period report; "/report N" marks an incident reported.
        if (request.Spec.Name == "report" && _periodReports.TryHandle(request))
        {
            return;
        }

        var text = request.Text;
        var first = request.Words.Count > 0 ? request.Words[0] : null;
        var byNumber = first is not null && IncidentFinder.LooksLikeNumber(first);
        var incident = byNumber ? _finder.ByNumber(first!) : _finder.ByCard(request.Message);
        if (incident is null)
        {
            request.ReplyUsage(byNumber ? text.NoSuchIncident(TypedText.Echo(first!)) : null);
            return;
        }

        var skipped = byNumber ? 1 : 0;
        var actor = new Actor(request.UserId, _people.NameOf(request.UserId), _people.RoleFor(request.UserId, incident));
        var target = new Target(request, incident, actor, request.Words.Skip(skipped).ToList(), request.After(skipped), skipped);
        if (_actions[request.Spec.Name](target) is not { } result)
        {
            request.ReplyUsage();
            return;
        }

        if (!ReferenceEquals(result, Answered))
        {
            request.Reply(Answer(request.Spec.Name, result, incident, text));
        }
    }

    private ActionResult? Assign(Target t)
    {
        var word = t.Words.Count > 0 ? t.Words[0] : null;
        if (t.Words.Count > 1)
        {
            return null;
        }

        if (word is not null && _people.DepartmentOf(word) is { } department)
        {
            return Apply(t, IncidentAction.Assign, assignee: department.Lead > 0 ? department.Lead : null, department: department.Name);
        }

        // Without a word, a reply to someone's message names them; a reply to the card names nobody.
        var person = word is null && t.Skipped == 0 ? null : _persons.Find(t.Request.Message, word);
        if (person is not { } id)
        {
            if (word is null)
            {
                return null;
            }

            t.Request.Reply(t.Request.Text.UnknownPerson(TypedText.Echo(word)));
            return Answered;
        }

        if (_people.Assignable().All(p => p.Id != id))
        {
            t.Request.Reply(t.Request.Text.NotAssignable(CardRenderer.Html(_people.NameOf(id))));
            return Answered;
        }

        return Apply(t, IncidentAction.Assign, assignee: id);
    }

    private ActionResult? Mute(Target t)
    {
        if (t.Words is not [var word])
        {
            return null;
        }

        if (CommandWords.IsOff(word))
        {
            return _incidents.Mute(t.Incident.Id, t.Actor, null);
        }

        return CommandWords.TryDuration(word, out var duration) && duration <= LongestMute
            ? _incidents.Mute(t.Incident.Id, t.Actor, _time.GetUtcNow() + duration)
            : null;
    }

    private ActionResult Apply(Target t, IncidentAction action, long? assignee = null, HandlingOutcome? outcome = null,
        string? comment = null, string? department = null) =>
        _incidents.Apply(t.Incident.Id, action, t.Actor, assigneeId: assignee, outcome: outcome, comment: comment, department: department);

    private string Answer(string command, ActionResult result, Incident incident, Strings text)
    {
        var now = result.Incident ?? incident;
        return result switch
        {
            { Outcome: ActionOutcome.Done } when command == "note" => text.NoteAdded + " · " + now.Number,
            { Outcome: ActionOutcome.Done } when command == "mute" => now.MutedUntil is { } until
                ? text.MutedUntil(now.Number, _renderer.Time(until)) : text.Unmuted(now.Number),
            { Outcome: ActionOutcome.Done } when command == "grade" => text.GradeChanged(now.Number, text.GradeName(now.Grade)),
            { Outcome: ActionOutcome.Done } => text.CommandApplied(now.Number, text.ActionName(command), text.Status(now.Status)),
            { Outcome: ActionOutcome.Forbidden } => command switch
            {
                "grade" => text.CommandForbidden(Permissions.ChangeGrade),
                "mute" => text.CommandForbidden(Permissions.Mute),
                "note" => text.NotAMember,
                _ => text.Forbidden(ActionOf(command)),
            },
            { Outcome: ActionOutcome.NotAllowed } => text.NotInThisState(now.Number, text.Status(now.Status)),
            _ => text.AlreadyInThatState,
        };
    }

    private static IncidentAction ActionOf(string command) => Enum.Parse<IncidentAction>(command, ignoreCase: true);

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>The incident a command acts on, who acts, and the arguments after the number.</summary>
    private sealed record Target(CommandRequest Request, Incident Incident, Actor Actor, IReadOnlyList<string> Words, string Rest, int Skipped);
}
