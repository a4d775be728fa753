using System.Text;
using OpinionBot.Chat;
using OpinionBot.Cluster;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.People;
using OpinionBot.Scheduling;
using OpinionBot.Sources;
using OpinionBot.Storage;

namespace OpinionBot.Commands;

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
    SourceHealthTracker health,
    CheckTimeliness timeliness,
    CheckLanes checks,
    ChatPlaces places,
    ILeases leases,
    Microsoft.Extensions.Options.IOptionsMonitor<DeliveryOptions> delivery,
    StoryIndex stories,
    TimeProvider time) : ICommandFamily
{
    // A phone screen's worth: with more sources, only the late and failing ones are listed under the summary.
    private const int MaxSources = 30;

    public IReadOnlyList<CommandSpec> Commands { get; } = [new("status", t => t.StatusDescription, _ => "/status")];

    public void Handle(CommandRequest request)
    {
        var text = request.Text;
        var html = new StringBuilder(text.StatusHeading(renderer.Time(time.GetUtcNow())));
        var sources = catalog.All();
        html.Append('\n').Append(text.SourcesHeading(sources.Count));
        var standings = sources.Select(s => new SourceStanding(s, s.Enabled ? health.Get(s.Name) : null, timeliness.Standing(s.Name))).ToList();
        html.Append('\n').Append(text.SourcesSummary(
            standings.Count(s => s.OnTime), standings.Count(s => s.Late), standings.Count(s => s.Failing),
            standings.Count(s => s.NotChecked), standings.Count(s => !s.Source.Enabled)));
        var listed = sources.Count <= MaxSources ? standings : [.. standings.Where(s => s.Late || s.Failing)];
        if (listed.Count > 0 && listed.Count < standings.Count)
        {
            html.Append('\n').Append(text.SourcesNeedingAttention);
        }

        foreach (var standing in listed.OrderByDescending(s => s.Late).Take(MaxSources))
        {
            html.Append('\n').Append(sourceLines.Line(standing.Source, text));
            if (standing.Late)
            {
                html.Append(text.SourceLate(standing.Timing.LateBy));
            }
        }

        if (listed.Count > MaxSources)
        {
            html.Append('\n').Append(text.AndMore(listed.Count - MaxSources));
        }

        html.Append('\n').Append(text.CheckBacklog(checks.Waiting, timeliness.Late));

        // A search source without words polls "successfully" and finds nothing: say so instead of showing it healthy.
        if (topics.SearchKeywords().Count == 0)
        {
            foreach (var search in sources.Where(s => s.Enabled && s.Kind == SourceKinds.Search))
            {
                html.Append('\n').Append(text.SearchSourceHasNothingToSearch(CardRenderer.Html(search.Name)));
            }
        }

        // Chats the bot cannot reach, and groups that moved: each is a silent loss unless someone sees it here.
        foreach (var lost in db.Read(s => s.Chats.LostChats()).OrderBy(c => c.Since))
        {
            html.Append('\n').Append(text.StatusLostChat(CardRenderer.Html(places.Describe(lost.Id, text)), renderer.Time(lost.Since)));
        }

        // Messages Telegram refused for good (bad markup, a bot blocked in private): only the log had them.
        var dayAgo = time.GetUtcNow().AddDays(-1);
        var refused = db.Read(s => s.Outbox.DeliveredAfter(dayAgo).Count(m => m.Failed));
        if (refused > 0)
        {
            html.Append('\n').Append(text.StatusRefusedMessages(refused));
        }

        foreach (var move in db.Read(s => s.Chats.Moves()).OrderBy(m => m.At))
        {
            html.Append('\n').Append(text.StatusMovedChat(move.Id, move.NewId));
        }

        var open = lines.Open();
        var byGrade = Enum.GetValues<Grade>().Reverse()
            .Select(g => $"{text.GradeName(g)} {open.Count(i => i.Grade == g)}");
        var waiting = db.Read(s => s.Outbox.WaitingEntries());
        html.Append('\n').Append(text.OutboxBacklog(waiting.Count));
        // The chat furthest behind, once it is a minute behind (a storm's held cards wait up to a minute for their digest)
        // or as far as the supervisors are told about: cards that wait are cards nobody sees.
        var alarm = delivery.CurrentValue.LagAlertAfter;
        if (ChatLag.Of(waiting) is [var slowest, ..] && slowest.Behind(time.GetUtcNow()) is var behind &&
            behind >= (alarm < TimeSpan.FromMinutes(1) ? alarm : TimeSpan.FromMinutes(1)))
        {
            html.Append('\n').Append(text.StatusDeliveryLag(CardRenderer.Html(places.Describe(slowest.ChatId, text)), text.Waited(behind),
                slowest.Waiting, alarming: behind >= alarm));
        }

        html
            .Append('\n').Append(text.OpenIncidents(open.Count, string.Join(" · ", byGrade)))
            .Append('\n').Append(text.OverdueCount(open.Count(i => i.Overdue)))
            .Append('\n').Append(roster.Now() is { } turn
                ? text.OnDutyNow(CardRenderer.Html(people.NameOf(turn.UserId)), turn.End is { } end ? renderer.Time(end) : null)
                : text.NobodyOnDuty);
        if (heightened.Current() is { } period)
        {
            html.Append('\n').Append(text.HeightenedActive(renderer.Time(period.Until), CommandDurations.Format(period.Interval, text)));
        }

        // Forgotten early in the last day: reposts of those stories open new incidents.
        if (stories.Forgotten is { } forgotten && time.GetUtcNow() - forgotten.At < TimeSpan.FromDays(1))
        {
            html.Append('\n').Append(text.StatusStoryIndexFull(stories.Limit, renderer.Time(forgotten.Through)));
        }

        html.Append(ClusterLines.Describe(leases, text, renderer));

        request.Reply(html.ToString());
    }


    private sealed record SourceStanding(SourceDefinition Source, SourceHealth? Health, CheckStanding Timing)
    {
        public bool Late => Source.Enabled && Timing.Late;
        public bool Failing => Health is { ConsecutiveFailures: > 0 };
        public bool NotChecked => Health is { LastCheck: null } && !Late;
        public bool OnTime => Health is { LastCheck: not null, ConsecutiveFailures: 0 } && !Timing.Late;
    }
}
