using System.Globalization;
using System.Text;
using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>
/// Renders a digest: how many new incidents (and how many escalated as overdue, counted apart and marked ⬆️ in a
/// digest holding both) by grade and topic, then a page of them (most serious first) with links, and a button per
/// incident that posts its full card. Buttons carry <c>/dg:o:{digest}:{incident}</c> and
/// <c>/dg:p:{digest}:{page}</c>, far under Telegram's 64 bytes.
/// </summary>
public static class DigestCard
{
    public const string Key = "dg";
    public const int PageSize = 8;
    private const int TopTopics = 5;

    /// <summary>Marks an escalated incident in a digest that holds new ones too (the sign of the escalation notices).</summary>
    public const string Escalated = "⬆️";

    /// <summary>The incidents to list, most serious first, then in the order they were found.</summary>
    public static List<Incident> Order(IEnumerable<Incident> incidents) =>
        incidents.OrderByDescending(i => i.Grade).ThenByDescending(i => i.Negative).ThenBy(i => i.Id).ToList();

    public static (string Html, List<List<ButtonSpec>> Buttons) Render(DigestRecord digest, IReadOnlyList<Incident> incidents, Strings text, int page)
    {
        var pages = Math.Max(1, (incidents.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 0, pages - 1);
        var separator = text.IsChinese ? "：" : ": ";
        var escalated = digest.EscalatedIds.ToHashSet();
        var escalations = incidents.Count(i => escalated.Contains(i.Id));
        var fresh = incidents.Count - escalations;
        var html = new StringBuilder(text.DigestHeading(fresh, escalations)).Append('\n').Append(text.DigestWhy(fresh, escalations)).Append('\n');
        var grades = incidents.GroupBy(i => i.Grade).OrderByDescending(g => g.Key).Select(g => $"{text.GradeName(g.Key)} {g.Count()}");
        html.Append(text.GradeLabel).Append(separator).Append(string.Join(" · ", grades)).Append('\n');
        var topics = incidents.SelectMany(i => i.Topics.Distinct()).GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (topics.Count > 0)
        {
            html.Append(text.DigestTopicsLabel).Append(separator)
                .Append(string.Join(" · ", topics.Take(TopTopics).Select(g => $"{CardRenderer.Html(CardRenderer.Shorten(g.Key, 20))} {g.Count()}")));
            if (topics.Count > TopTopics)
            {
                html.Append(' ').Append(text.DigestMoreTopics(topics.Count - TopTopics));
            }

            html.Append('\n');
        }

        var shown = incidents.Skip(page * PageSize).Take(PageSize).ToList();
        var rows = new List<List<ButtonSpec>>();
        for (var index = 0; index < shown.Count; index++)
        {
            var incident = shown[index];
            var title = CardRenderer.Html(CardRenderer.Shorten(incident.Title, 60));
            // Long links would push the card past Telegram's 4,096 characters: those are shown unlinked.
            var linked = incident.Url.Length <= 300 ? $"<a href=\"{CardRenderer.Html(incident.Url)}\">{title}</a>" : title;
            html.Append('\n').Append(page * PageSize + index + 1).Append(". ")
                .Append(fresh > 0 && escalated.Contains(incident.Id) ? Escalated + " " : "")
                .Append("<b>").Append(incident.Number).Append("</b> ")
                .Append(text.GradeName(incident.Grade)).Append(" · ").Append(linked).Append(" · ")
                .Append(CardRenderer.Html(CardRenderer.Shorten(incident.SourceName, 20)));
            rows.Add([new ButtonSpec($"{incident.Number} {CardRenderer.Shorten(incident.Title, 16)}", OpenData(digest.Id, incident.Id))]);
        }

        html.Append("\n\n").Append(text.DigestPage(page + 1, pages));
        var paging = new List<ButtonSpec>();
        if (page > 0)
        {
            paging.Add(new ButtonSpec(text.PreviousPage, PageData(digest.Id, page - 1)));
        }

        if (page < pages - 1)
        {
            paging.Add(new ButtonSpec(text.NextPage, PageData(digest.Id, page + 1)));
        }

        if (paging.Count > 0)
        {
            rows.Add(paging);
        }

        return (html.ToString(), rows);
    }

    public static string OpenData(long digestId, long incidentId) =>
        string.Create(CultureInfo.InvariantCulture, $"/{Key}:o:{digestId}:{incidentId}");

    public static string PageData(long digestId, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"/{Key}:p:{digestId}:{page}");
}
