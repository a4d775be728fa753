using System.Net;
using System.Text;
using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>Renders an incident as a phone-readable card (Telegram HTML) with the buttons allowed in its state.</summary>
public sealed class CardRenderer(PeopleDirectory people, TimeZoneInfo zone)
{
    public string Text(Incident incident, Strings text)
    {
        var card = new StringBuilder();
        card.Append("🔔 <b>").Append(text.CardHeading).Append(' ').Append(incident.Number).Append("</b> · ")
            .Append(text.GradeName(incident.Grade)).Append(" · ").Append(text.Status(incident.Status)).Append('\n');
        card.Append("<b>").Append(Html(incident.Title)).Append("</b>\n");
        Line(card, text.Source, Html(incident.SourceName));
        Line(card, text.Link, $"<a href=\"{Html(incident.Url)}\">{Html(Shorten(incident.Url, 60))}</a>");
        Line(card, text.PublishedAt, incident.Published is { } published ? Time(published) : text.Unknown);
        Line(card, text.DiscoveredAt, Time(incident.Discovered));
        Line(card, text.Keywords, Html(string.Join(text.IsChinese ? "、" : ", ", incident.Keywords)));
        if (incident.Negative && incident.NegativeWords.Count > 0)
        {
            Line(card, text.Negative, Html(string.Join(text.IsChinese ? "、" : ", ", incident.NegativeWords)));
        }

        Line(card, text.Assignee, incident.AssigneeId is { } assignee ? Mention(assignee) : text.Nobody);
        if (incident.Audit.Count > 0)
        {
            var last = incident.Audit[^1];
            Line(card, text.LastAction, $"{Html(last.ActorName)} {text.ActionName(last.Action)} {Time(last.At)}");
        }

        return card.ToString().TrimEnd();
    }

    /// <summary>The card's buttons: only what the lifecycle allows now.</summary>
    public static List<List<ButtonSpec>> Buttons(Incident incident, Strings text)
    {
        var buttons = new List<ButtonSpec>();
        void Add(IncidentAction action, ButtonCode code, string label)
        {
            if (Lifecycle.Allows(incident.Status, action) &&
                !(action == IncidentAction.Escalate && incident.EscalationLevel >= IncidentService.LeadershipLevel))
            {
                buttons.Add(new ButtonSpec(label, new CallbackData(code, incident.Id, incident.Version).Format()));
            }
        }

        Add(IncidentAction.Claim, ButtonCode.Claim, text.ClaimButton);
        Add(IncidentAction.Assign, ButtonCode.OpenAssign, text.AssignButton);
        Add(IncidentAction.Escalate, ButtonCode.Escalate, text.EscalateButton);
        Add(IncidentAction.Resolve, ButtonCode.Resolve, text.ResolveButton);
        return buttons.Chunk(2).Select(row => row.ToList()).ToList();
    }

    /// <summary>The assign picker that replaces a card's buttons: one person per button, then Back.</summary>
    public List<List<ButtonSpec>> AssignPicker(Incident incident, Strings text)
    {
        var rows = people.Assignable()
            .Select(p => new ButtonSpec(Shorten(p.Name, 24), new CallbackData(ButtonCode.PickAssignee, incident.Id, incident.Version, p.Id).Format()))
            .Chunk(2).Select(row => row.ToList()).ToList();
        rows.Add([new ButtonSpec(text.BackButton, new CallbackData(ButtonCode.Back, incident.Id, incident.Version).Format())]);
        return rows;
    }

    /// <summary>The handling-result picker (处理结果) shown when Resolve is pressed.</summary>
    public static List<List<ButtonSpec>> OutcomePicker(Incident incident, Strings text)
    {
        var rows = Enum.GetValues<HandlingOutcome>()
            .Select(o => new ButtonSpec(text.OutcomeName(o), new CallbackData(ButtonCode.PickOutcome, incident.Id, incident.Version, (long)o).Format()))
            .Chunk(2).Select(row => row.ToList()).ToList();
        rows.Add([new ButtonSpec(text.BackButton, new CallbackData(ButtonCode.Back, incident.Id, incident.Version).Format())]);
        return rows;
    }

    private string Mention(long userId) => $"<a href=\"tg://user?id={userId}\">{Html(people.NameOf(userId))}</a>";

    private string Time(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm");

    private static void Line(StringBuilder card, string label, string value) =>
        card.Append(label).Append(LabelEnd(label)).Append(value).Append('\n');

    // Chinese labels take a full-width colon, English ones a colon and a space.
    private static string LabelEnd(string label) => label.Length > 0 && label[0] < 0x2E80 ? ": " : "：";

    internal static string Html(string value) => WebUtility.HtmlEncode(value);

    private static string Shorten(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
