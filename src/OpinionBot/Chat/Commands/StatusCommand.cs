using System.Text;
using Microsoft.Extensions.Options;
using OpinionBot.Duty;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Scheduling;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Chat.Commands;

/// <summary><c>/status</c>: health at a glance — sources, outbox backlog, open incidents by grade, overdue, who is on duty.</summary>
public sealed class StatusCommand(
    OpinionDatabase db,
    SourceHealthTracker health,
    IncidentLines lines,
    DutyRoster roster,
    CardRenderer renderer,
    PeopleDirectory people,
    IOptionsMonitor<MonitoringOptions> monitoring,
    TimeProvider time) : ICommandFamily
{
    private const int MaxSources = 30;

    public IReadOnlyList<CommandSpec> Commands { get; } = [new("status", t => t.StatusDescription, _ => "/status")];

    public void Handle(CommandRequest request)
    {
        var text = request.Text;
        var html = new StringBuilder(text.StatusHeading(renderer.Time(time.GetUtcNow())));
        var sources = monitoring.CurrentValue.Sources;
        html.Append('\n').Append(text.SourcesHeading(sources.Count));
        foreach (var source in sources.Take(MaxSources))
        {
            html.Append('\n').Append(SourceLine(source.Name, source.Enabled, text));
        }

        if (sources.Count > MaxSources)
        {
            html.Append('\n').Append(text.AndMore(sources.Count - MaxSources));
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
        request.Reply(html.ToString());
    }

    private string SourceLine(string name, bool enabled, Strings text)
    {
        var safe = CardRenderer.Html(name);
        if (!enabled)
        {
            return text.SourcePaused(safe);
        }

        return health.Get(name) switch
        {
            { LastCheck: null } => text.SourceNotChecked(safe),
            { ConsecutiveFailures: > 0, ProblemSince: { } since } check => text.SourceFailing(safe, renderer.Time(since), check.ConsecutiveFailures,
                CardRenderer.Html(CardRenderer.Shorten(check.LastError ?? "", 80))),
            { LastCheck: { } last } => text.SourceOk(safe, renderer.Time(last)),
        };
    }
}
