using System.Text;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary>
/// 重点监控: <c>/watch N [term …]</c> watches an incident's key terms (from its title unless given) for
/// <c>Matching:WatchDays</c> days, so later coverage joins the incident even when it misses the topic; <c>/watch</c>
/// lists the watches, <c>/unwatch N</c> ends one.
/// </summary>
public sealed class WatchCommands(FocusedMonitoring focused, KeyTermExtractor terms, IncidentFinder finder, CardRenderer renderer) : ICommandFamily
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("watch", t => t.WatchDescription, t => t.WatchUsage) { Required = Role.Officer, Menu = Role.Officer },
        new("unwatch", t => t.UnwatchDescription, t => t.UnwatchUsage) { Required = Role.Officer, Menu = Role.Officer },
    ];

    public void Handle(CommandRequest request)
    {
        var words = ArgumentWords.Split(request.Arguments);
        if (words.Count == 0 && request.Spec.Name == "watch")
        {
            request.Reply(List(request));
            return;
        }

        if (words.Count == 0 || (request.Spec.Name == "unwatch" && words.Count != 1))
        {
            request.ReplyUsage();
            return;
        }

        if (finder.ByNumber(words[0]) is not { } incident)
        {
            request.ReplyUsage(request.Text.NoSuchIncident(TypedText.Echo(words[0])));
            return;
        }

        if (request.Spec.Name == "unwatch")
        {
            request.Reply(focused.Unwatch(incident.Id) ? request.Text.Unwatched(incident.Number) : request.Text.NotWatched(incident.Number));
            return;
        }

        var chosen = words.Count > 1 ? words.Skip(1).SelectMany(ArgumentWords.List).ToList() : [.. terms.Extract(incident.Title)];
        var watch = chosen.Count == 0 ? null : focused.Watch(incident.Id, incident.Number, chosen);
        if (watch is null || watch.Terms.Count == 0)
        {
            request.ReplyUsage(request.Text.NoKeyTerms);
            return;
        }

        request.Reply(request.Text.Watching(incident.Number, CardRenderer.Html(string.Join("、", watch.Terms)), renderer.Time(watch.Expires)));
    }

    private string List(CommandRequest request)
    {
        var active = focused.Active();
        var html = new StringBuilder(active.Count == 0 ? request.Text.NoWatches : request.Text.WatchesHeading(active.Count));
        foreach (var watch in active)
        {
            html.Append("\n• ").Append(watch.IncidentNumber).Append(" · ").Append(CardRenderer.Html(string.Join("、", watch.Terms)))
                .Append(" · ").Append(request.Text.WatchUntil(renderer.Time(watch.Expires)));
        }

        return html.ToString();
    }
}
