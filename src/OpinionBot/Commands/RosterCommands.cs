using OpinionBot.Chat;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/oncall</c>: who is on duty (值班) now and next; supervisors set a weekly or daily rotation, explicit shifts, swap
/// people or clear the roster. A change made here counts as the handover of the turn running now.
/// </summary>
public sealed class RosterCommands : ICommandFamily
{
    private static readonly TimeSpan LongestShift = TimeSpan.FromDays(31);

    private readonly DutyRoster _roster;
    private readonly Handover _handover;
    private readonly PersonFinder _persons;
    private readonly PeopleDirectory _people;
    private readonly RosterView _view;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Action<CommandRequest>> _changes;

    public RosterCommands(DutyRoster roster, Handover handover, PersonFinder persons, PeopleDirectory people, RosterView view, TimeProvider time)
    {
        (_roster, _handover, _persons, _people, _view, _time) = (roster, handover, persons, people, view, time);
        _changes = new(StringComparer.OrdinalIgnoreCase)
        {
            ["rotate"] = Rotate,
            ["轮班"] = Rotate,
            ["shift"] = Shift,
            ["排班"] = Shift,
            ["swap"] = Swap,
            ["换班"] = Swap,
            ["clear"] = Clear,
            ["清空"] = Clear,
        };
    }

    public IReadOnlyList<CommandSpec> Commands { get; } = [new("oncall", t => t.OnCallDescription, t => t.OnCallUsage)];

    public void Handle(CommandRequest request)
    {
        if (request.Words.Count == 0)
        {
            request.Reply(_view.Show(request.Text));
        }
        else if (_changes.TryGetValue(request.Words[0], out var change))
        {
            change(request);
        }
        else
        {
            request.ReplyUsage();
        }
    }

    private void Rotate(CommandRequest request)
    {
        if (!IsSupervisor(request))
        {
            return;
        }

        var words = request.Words.Skip(1).ToList();
        var days = words.Count > 0 ? CommandWords.RotationDays(words[0]) : null;
        if (days is not null)
        {
            words.RemoveAt(0);
        }

        var changeAt = new TimeOnly(8, 0);
        if (words.Count > 0 && CommandWords.TryTime(words[0], out var at))
        {
            changeAt = at;
            words.RemoveAt(0);
        }

        if (words.Count == 0)
        {
            request.ReplyUsage();
            return;
        }

        var people = words.Select(word => Member(request, word)).ToList();
        if (people.All(p => p is not null))
        {
            _roster.Rotate(people.Select(p => p!.Value).ToList(), days ?? 7, changeAt);
            Saved(request);
        }
    }

    private void Shift(CommandRequest request)
    {
        var w = request.Words;
        if (!IsSupervisor(request))
        {
            return;
        }

        if (w.Count is not (5 or 6) || !CommandWords.TryDateTime(w[2], w[3], out var startLocal) ||
            !CommandWords.TryDateTime(w.Count == 6 ? w[4] : w[2], w[^1], out var endLocal))
        {
            request.ReplyUsage();
            return;
        }

        if (Member(request, w[1]) is not { } person)
        {
            return;
        }

        if (w.Count == 5 && endLocal <= startLocal)
        {
            endLocal = endLocal.AddDays(1); // "20:00 08:00" is a night shift
        }

        var (start, end) = (_roster.FromLocal(startLocal), _roster.FromLocal(endLocal));
        var problem = end <= start || end - start > LongestShift ? request.Text.ShiftTooLongOrBackwards
            : end <= _time.GetUtcNow() ? request.Text.ShiftInThePast : null;
        if (problem is not null)
        {
            request.ReplyUsage(problem);
            return;
        }

        _roster.AddShift(person, start, end);
        Saved(request);
    }

    private void Swap(CommandRequest request)
    {
        if (request.Words.Count != 3)
        {
            request.ReplyUsage();
            return;
        }

        if (Member(request, request.Words[1]) is not { } a || Member(request, request.Words[2]) is not { } b)
        {
            return;
        }

        // Officers may swap their own turns; anyone else's need a supervisor.
        var own = (request.UserId == a || request.UserId == b) && _people.RoleFor(request.UserId) >= Role.Officer;
        if (!own && !IsSupervisor(request))
        {
            return;
        }

        if (_roster.Swap(a, b) == 0)
        {
            request.Reply(request.Text.NotOnRoster);
            return;
        }

        Saved(request);
    }

    private void Clear(CommandRequest request)
    {
        if (IsSupervisor(request))
        {
            _roster.Clear();
            request.Reply(request.Text.RosterCleared);
        }
    }

    private void Saved(CommandRequest request)
    {
        _handover.Acknowledge();
        request.Reply(request.Text.RosterSaved + "\n" + _view.Show(request.Text));
    }

    /// <summary>The team member a word names, or null after telling the user why not.</summary>
    private long? Member(CommandRequest request, string word)
    {
        if (_persons.Find(request.Message, word) is not { } id)
        {
            request.Reply(request.Text.UnknownPerson(TypedText.Echo(word)));
            return null;
        }

        if (!_people.IsKnown(id))
        {
            request.Reply(request.Text.PersonNotOnTeam(CardRenderer.Html(_people.NameOf(id))));
            return null;
        }

        return id;
    }

    private bool IsSupervisor(CommandRequest request)
    {
        if (_people.RoleFor(request.UserId) >= Role.Supervisor)
        {
            return true;
        }

        request.Reply(request.Text.CommandForbidden(Role.Supervisor));
        return false;
    }
}
