using System.Globalization;
using System.Text;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Reports;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/history N</c>: the incident's trail in words (who did what when, merged reposts with links, escalations,
/// reminders), oldest first, in pages that stay well inside Telegram's 4096-character message, turned with buttons.
/// </summary>
public sealed class HistoryCommand(
    OpinionDatabase db,
    IncidentFinder finder,
    PeopleDirectory people,
    TimeZoneInfo zone) : ICommandFamily, ICommandButtons
{
    /// <summary>Steps per page, and the most characters of HTML a page may hold.</summary>
    public const int PageSteps = 12;
    public const int PageChars = 3500;

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("history", t => t.HistoryDescription, t => t.HistoryUsage),
    ];

    public string Key => "hi";

    public void Handle(CommandRequest request)
    {
        var first = request.Words.Count > 0 ? request.Words[0] : null;
        var incident = request.Words.Count > 1 ? null : first is null ? finder.ByCard(request.Message) : finder.ByNumber(first);
        if (incident is null)
        {
            request.ReplyUsage(first is not null && request.Words.Count == 1 ? request.Text.NoSuchIncident(CardRenderer.Html(first)) : null);
            return;
        }

        request.Reply(Page(incident, 0, request.Text, out var buttons), buttons);
    }

    public string Press(ButtonRequest request)
    {
        var parts = request.Payload.Split(':');
        if (parts.Length != 2 ||
            !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var page) ||
            db.Read(s => s.Incidents.Get(id)) is not { } incident)
        {
            return request.Text.BadButton;
        }

        request.Edit(Page(incident, page, request.Text, out var buttons), buttons);
        return "";
    }

    /// <summary>The page's HTML; every value inserted is escaped, and a long step is shortened so a page always fits.</summary>
    public string Page(Incident incident, int page, Strings text, out List<List<ButtonSpec>>? buttons)
    {
        var lines = IncidentHistory.Steps(incident, text, zone, people.NameOf).Select(s => Line(s, text)).ToList();
        var pages = Paginate(lines);
        page = Math.Clamp(page, 0, pages.Count - 1);
        var html = new StringBuilder(CardRenderer.Html(text.HistoryHeading(incident.Number, lines.Count, page + 1, pages.Count)));
        foreach (var line in pages[page])
        {
            html.Append('\n').Append(line);
        }

        var row = new List<ButtonSpec>();
        var data = $"/{Key}:{incident.Id.ToString(CultureInfo.InvariantCulture)}:";
        if (page > 0)
        {
            row.Add(new ButtonSpec(text.PreviousPage, data + (page - 1).ToString(CultureInfo.InvariantCulture)));
        }

        if (page < pages.Count - 1)
        {
            row.Add(new ButtonSpec(text.NextPage, data + (page + 1).ToString(CultureInfo.InvariantCulture)));
        }

        buttons = row.Count == 0 ? null : [row];
        return html.ToString();
    }

    private string Line(HistoryStep step, Strings text)
    {
        var what = step.What.Length > 400 ? step.What[..400] + "…" : step.What;
        var line = $"<b>{ZonedTime.Format(step.At, zone)}</b> {CardRenderer.Html(step.Who)} {CardRenderer.Html(what)}";
        return step.Link is { Length: > 0 and <= 500 } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"{line} <a href=\"{CardRenderer.Html(uri.AbsoluteUri)}\">{CardRenderer.Html(text.Link)}</a>"
            : line;
    }

    private static List<List<string>> Paginate(List<string> lines)
    {
        var pages = new List<List<string>> { new() };
        var size = 0;
        foreach (var line in lines)
        {
            if (pages[^1].Count >= PageSteps || (pages[^1].Count > 0 && size + line.Length + 1 > PageChars))
            {
                pages.Add([]);
                size = 0;
            }

            pages[^1].Add(line);
            size += line.Length + 1;
        }

        return pages;
    }
}
