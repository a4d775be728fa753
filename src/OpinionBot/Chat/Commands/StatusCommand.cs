using System.Text;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Scheduling;
using OpinionBot.Sources;
using OpinionBot.Storage;

namespace OpinionBot.Chat.Commands;

/// <summary><c>/status</c>: health at a glance — sources, outbox backlog, open incidents by grade, overdue, who is on duty.</summary>
public sealed class StatusCommand(
    OpinionDatabase db,
    SourceCatalog catalog,
    TopicCatalog topics,
    SourceLines sourceLines,
    HeightenedPeriods heightened,
    IncidentLines lines,
    DutyRoster roster,
    CardRenderer renderer,
    PeopleDirectory people,
    TimeProvider time) : ICommandFamily
{
    private const int MaxSources = 30;

    public IReadOnlyList<CommandSpec> Commands { get; } = [new("status", t => t.StatusDescription, _ => "/status")];

    public void Handle(CommandRequest request)
    {
        var text = request.Text;
        var html = new StringBuilder(text.StatusHeading(renderer.Time(time.GetUtcNow())));
        var sources = catalog.All();
        html.Append('\n').Append(text.SourcesHeading(sources.Count));
        foreach (var source in sources.Take(MaxSources))
        {
            html.Append('\n').Append(sourceLines.Line(source, text));
        }

        if (sources.Count > MaxSources)
        {
            html.Append('\n').Append(text.AndMore(sources.Count - MaxSources));
        }

        // A search source without words polls "successfully" and finds nothing: say so instead of showing it healthy.
        if (topics.SearchKeywords().Count == 0)
        {
            foreach (var search in sources.Where(s => s.Enabled && s.Kind == SourceKinds.Search))
            {
                html.Append('\n').Append(text.SearchSourceHasNothingToSearch(CardRenderer.Html(search.Name)));
            }
        }

        var open = lines.Open();
        var byGrade = Enum.GetValues<Grade>().Reverse()
            .Select(g => $"{text.GradeName(g)} {open.Count(i => i.Grade == g)}");
        html.Append('\n').Append(text.OutboxBacklog(db.Outbox.Count(m => m.DeliveredAt == null)))
            .Append('\n').Append(text.OpenIncidents(open.Count, string.Join(" · ", byGrade)))
            .Append('\n').Append(text.OverdueCount(open.Count(i => i.Overdue)))
            .Append('\n').Append(roster.Now() is { } turn
                ? text.OnDutyNow(CardRenderer.Html(people.NameOf(turn.UserId)), turn.End is { } end ? renderer.Time(end) : null)
                : text.NobodyOnDuty);
        if (heightened.Current() is { } period)
        {
            html.Append('\n').Append(text.HeightenedActive(renderer.Time(period.Until), CommandDurations.Format(period.Interval, text)));
        }

        request.Reply(html.ToString());
    }
}
