using System.Text;
using OpinionBot.Chat;
using OpinionBot.Duty;
using OpinionBot.People;
using OpinionBot.Text;

namespace OpinionBot.Commands;

/// <summary>The roster as <c>/oncall</c> shows it: now, next, the rotation and coming shifts, with plain names (no pings).</summary>
public sealed class RosterView(DutyRoster roster, PeopleDirectory people, CardRenderer renderer)
{
    public string Show(Strings text)
    {
        string Name(long id) => CardRenderer.Html(people.NameOf(id));
        var html = new StringBuilder(text.RosterHeading);
        var now = roster.Now();
        html.Append('\n').Append(now is null ? text.NobodyOnDuty : text.OnDutyNow(Name(now.UserId), now.End is { } end ? renderer.Time(end) : null));
        if (now is not null && roster.Next(now) is { } next)
        {
            html.Append('\n').Append(text.OnDutyNext(Name(next.UserId), renderer.Time(next.Start)));
        }

        if (roster.Rotation() is { People.Count: > 0 } rotation)
        {
            html.Append('\n').Append(text.RotationLine(rotation.Days == 1, renderer.Time(rotation.Anchor)[^5..],
                string.Join(" → ", rotation.People.Select(Name))));
        }

        foreach (var shift in roster.ComingShifts())
        {
            html.Append("\n• ").Append(Name(shift.UserId)).Append(' ')
                .Append(renderer.Time(shift.Start)).Append(" – ").Append(renderer.Time(shift.End));
        }

        return html.ToString();
    }
}
