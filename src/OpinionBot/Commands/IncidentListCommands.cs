using System.Globalization;
using System.Text;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/incidents [filters]</c> (paged with buttons), <c>/mine</c>, and <c>/incident N</c>, which posts the card again at
/// the bottom of the chat (as text only in a private chat, where card buttons do not work).
/// </summary>
public sealed class IncidentListCommands(
    OpinionDatabase db,
    IncidentFinder finder,
    PersonFinder persons,
    IncidentLines lines,
    CardPublisher publisher,
    CardRenderer renderer,
    PeopleDirectory people,
    ConfiguredChats chats) : ICommandFamily, ICommandButtons
{
    private const int PageSize = 10;

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("incidents", t => t.IncidentsDescription, t => t.IncidentsUsage),
        new("incident", t => t.IncidentDescription, t => t.IncidentUsage),
        new("mine", t => t.MineDescription, _ => "/mine"),
    ];

    public string Key => "il";

    public void Handle(CommandRequest request)
    {
        switch (request.Spec.Name)
        {
            case "incident":
                Show(request);
                return;
            case "mine":
                request.Reply(Page(new IncidentFilter(Assignee: request.UserId), 0, request.Text, out var mine), mine);
                return;
        }

        var filter = new IncidentFilter();
        foreach (var word in request.Words)
        {
            if (Narrow(filter, word, request) is not { } narrower)
            {
                request.ReplyUsage(request.Text.UnknownFilter(TypedText.Echo(word)));
                return;
            }

            filter = narrower;
        }

        request.Reply(Page(filter, 0, request.Text, out var buttons), buttons);
    }

    public string Press(ButtonRequest request)
    {
        var colon = request.Payload.LastIndexOf(':');
        if (colon < 0 || IncidentFilter.Parse(request.Payload[..colon]) is not { } filter ||
            !int.TryParse(request.Payload[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var page))
        {
            return request.Text.BadButton;
        }

        request.Edit(Page(filter, page, request.Text, out var buttons), buttons);
        return "";
    }

    private IncidentFilter? Narrow(IncidentFilter filter, string word, CommandRequest request)
    {
        if (CommandWords.TryGrade(word, out var grade))
        {
            return filter with { Grade = grade };
        }

        if (CommandWords.TryStatus(word, out var status))
        {
            return filter with { Status = status };
        }

        if (CommandWords.IsAll(word) || CommandWords.IsOverdue(word) || CommandWords.IsMe(word))
        {
            return CommandWords.IsAll(word) ? filter with { All = true }
                : CommandWords.IsOverdue(word) ? filter with { Overdue = true } : filter with { Assignee = request.UserId };
        }

        var department = people.DepartmentNames().ToList().FindIndex(d => string.Equals(d, word, StringComparison.OrdinalIgnoreCase));
        if (department >= 0)
        {
            return filter with { Department = department + 1 };
        }

        return !word.All(char.IsAsciiDigit) && persons.Find(request.Message, word) is { } person ? filter with { Assignee = person } : null;
    }

    private string Page(IncidentFilter filter, int page, Strings text, out List<List<ButtonSpec>>? buttons)
    {
        var department = filter.Department > 0 ? people.DepartmentAt(filter.Department)?.Name : null;
        // The narrowest indexed set the filter allows, then the rest of the filter: the open states are few, finished
        // ones pile up over the years. "All" with no narrowing pages through the newest instead of reading every one.
        var candidates = filter.Status is { } open && Lifecycle.IsOpen(open) ? db.Read(s => s.Incidents.WithStatus(open))
            : filter.Status is null && !filter.All ? lines.Open()
            : filter.Assignee != 0 ? db.Read(s => s.Incidents.AssignedTo(filter.Assignee))
            : filter.Overdue ? db.Read(s => s.Incidents.Overdue())
            : filter.Department > 0 ? db.Read(s => s.Incidents.InDepartment(department))
            : filter.Grade is { } grade ? db.Read(s => s.Incidents.WithGrade(grade))
            : filter.Status is { } finished ? db.Read(s => s.Incidents.WithStatus(finished))
            : null;
        var found = candidates?.Where(i => filter.Matches(i, department)).OrderByDescending(i => i.Id).ToList();
        var count = found?.Count ?? db.Read(s => s.Incidents.Count());
        var pages = Math.Max(1, (count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 0, pages - 1);
        var html = new StringBuilder(count == 0 ? text.NoIncidentsFound : text.IncidentsHeading(count, page + 1, pages));
        var shown = found?.Skip(page * PageSize).Take(PageSize) ?? db.Read(s => s.Incidents.Latest(page * PageSize, PageSize));
        foreach (var incident in shown)
        {
            html.Append('\n').Append(lines.Line(incident, text));
        }

        var data = "/" + Key + ":" + filter.Format() + ":";
        var row = new List<ButtonSpec>();
        if (page > 0)
        {
            row.Add(new ButtonSpec(text.PreviousPage, data + (page - 1).ToString(CultureInfo.InvariantCulture)));
        }

        if (page < pages - 1)
        {
            row.Add(new ButtonSpec(text.NextPage, data + (page + 1).ToString(CultureInfo.InvariantCulture)));
        }

        buttons = row.Count == 0 ? null : [row];
        return html.ToString();
    }

    private void Show(CommandRequest request)
    {
        var token = request.Words.Count > 0 ? request.Words[0] : null;
        var incident = token is null ? finder.ByCard(request.Message) : finder.ByNumber(token);
        if (incident is null)
        {
            request.ReplyUsage(token is null ? null : request.Text.NoSuchIncident(TypedText.Echo(token)));
        }
        else if (!request.IsPrivate && chats.Contains(request.ChatId))
        {
            publisher.Repost(incident, request.ChatId);
        }
        else
        {
            request.Reply(renderer.Text(incident, request.Text));
        }
    }
}
