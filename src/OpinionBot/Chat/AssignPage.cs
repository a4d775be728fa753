using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>
/// One page of the assign picker: people, then departments (🏢), six a page, with « » to turn pages and Back.
/// </summary>
public static class AssignPage
{
    public const int PageSize = 6;

    public static List<List<ButtonSpec>> Build(IReadOnlyList<(long Id, string Name)> people, IReadOnlyList<string> departments,
        Incident incident, Strings text, int page)
    {
        var choices = people
            .Select(p => new ButtonSpec(CardRenderer.Shorten(p.Name, 24), new CallbackData(ButtonCode.PickAssignee, incident.Id, incident.Version, p.Id).Format()))
            .Concat(departments.Select((d, i) => new ButtonSpec("🏢 " + CardRenderer.Shorten(d, 22), new CallbackData(ButtonCode.PickDepartment, incident.Id, incident.Version, i + 1).Format())))
            .ToList();
        var pages = Math.Max(1, (choices.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 0, pages - 1);
        var rows = choices.Skip(page * PageSize).Take(PageSize).Chunk(2).Select(row => row.ToList()).ToList();
        var navigation = new List<ButtonSpec>();
        if (page > 0)
        {
            navigation.Add(new ButtonSpec($"« {page}", new CallbackData(ButtonCode.OpenAssign, incident.Id, incident.Version, page - 1).Format()));
        }

        navigation.Add(new ButtonSpec(text.BackButton, new CallbackData(ButtonCode.Back, incident.Id, incident.Version).Format()));
        if (page < pages - 1)
        {
            navigation.Add(new ButtonSpec($"{page + 2} »", new CallbackData(ButtonCode.OpenAssign, incident.Id, incident.Version, page + 1).Format()));
        }

        rows.Add(navigation);
        return rows;
    }
}
