using Microsoft.Extensions.Options;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>One line per incident for lists and handovers: number, grade, status, title, holder, deadline.</summary>
public sealed class IncidentLines(OpinionDatabase db, CardRenderer renderer, PeopleDirectory people,
    IOptionsMonitor<DeadlineOptions> deadlines, TimeProvider time)
{
    /// <summary>Incidents still being worked on (not resolved, closed or a false alarm), oldest first.</summary>
    public IReadOnlyList<Incident> Open() =>
        db.Read(s => s.Incidents.OpenIncidents());

    public string Line(Incident incident, Strings text)
    {
        // A plain name rather than a mention: a list should not ring everyone's phone.
        var holder = incident.AssigneeId is { } assignee ? CardRenderer.Html(people.NameOf(assignee)) : text.Nobody;
        var line = $"<b>{incident.Number}</b> {text.GradeName(incident.Grade)}·{text.Status(incident.Status)} " +
                   $"{CardRenderer.Html(CardRenderer.Shorten(incident.Title, 30))} — {holder}";
        if (ReportDeadline.Current(incident, deadlines.CurrentValue) is { } deadline)
        {
            line += $" · {text.DeadlineLabel(deadline.Kind)} {renderer.Time(deadline.Due)}（{text.Left(deadline.Due - time.GetUtcNow())}）";
        }
        else if (incident.Overdue && Lifecycle.IsOpen(incident.Status))
        {
            line += " " + text.Overdue;
        }

        return line;
    }
}
