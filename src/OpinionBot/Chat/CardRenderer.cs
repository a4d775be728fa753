using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.People;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>Renders an incident as a phone-readable card (Telegram HTML) with the buttons allowed in its state.</summary>
public sealed class CardRenderer(PeopleDirectory people, DutyRoster roster, TimeZoneInfo zone, TimeProvider time, IOptionsMonitor<DeadlineOptions> deadlines)
{
    public string Text(Incident incident, Strings text)
    {
        var card = new StringBuilder();
        card.Append("🔔 <b>").Append(text.CardHeading).Append(' ').Append(incident.Number).Append("</b> · ")
            .Append(text.GradeName(incident.Grade)).Append(" · ").Append(text.Status(incident.Status));
        if (incident.Overdue && Lifecycle.IsOpen(incident.Status))
        {
            card.Append(" · ").Append(text.Overdue);
        }

        card.Append('\n').Append("<b>").Append(Html(Shorten(incident.Title, MaxTitle))).Append("</b>\n");
        Line(card, text.Source, SourcesOf(incident, text));
        // A monstrous URL is shown, not linked: Telegram refuses over-long link entities.
        Line(card, text.Link, incident.Url.Length <= 2000
            ? $"<a href=\"{Html(incident.Url)}\">{Html(Shorten(incident.Url, 60))}</a>"
            : Html(Shorten(incident.Url, 60)));
        Line(card, text.PublishedAt, incident.Published is { } published ? Time(published) : text.Unknown);
        Line(card, text.DiscoveredAt, Time(incident.Discovered));
        Line(card, text.Keywords, Html(Shorten(string.Join(text.IsChinese ? "、" : ", ", incident.Keywords), 200)));
        if (incident.Negative && incident.NegativeWords.Count > 0)
        {
            Line(card, text.Negative, Html(Shorten(string.Join(text.IsChinese ? "、" : ", ", incident.NegativeWords), 200)));
        }

        if (incident.Rebuttals.Count > 0)
        {
            Line(card, text.RebuttalLabel, Html(Shorten(string.Join(text.IsChinese ? "、" : ", ", incident.Rebuttals), 100)));
        }

        if (incident.GradeReason.Contains(text.IsChinese ? "：" : ":", StringComparison.Ordinal))
        {
            Line(card, text.GradeWhy, Html(Shorten(incident.GradeReason, 200)));
        }

        if (incident.Department is { } department)
        {
            Line(card, text.DepartmentLabel, Html(department));
        }

        // Nobody holds it yet: name the on-duty officer (值班), so their phone rings.
        Line(card, text.Assignee, incident.AssigneeId is { } assignee ? Mention(assignee)
            : Lifecycle.IsOpen(incident.Status) && roster.Now() is { } duty ? text.NobodyYetOnDuty(Mention(duty.UserId)) : text.Nobody);
        if (ReportDeadline.Current(incident, deadlines.CurrentValue) is { } deadline)
        {
            Line(card, text.DeadlineLabel(deadline.Kind), $"{Time(deadline.Due)}（{text.Left(deadline.Due - time.GetUtcNow())}）");
        }

        if (incident.ReportedAt is { } reported)
        {
            Line(card, text.ReportedLabel, Time(reported));
        }

        if (incident.Outcome is { } outcome && incident.ResolvedAt is not null)
        {
            Line(card, text.OutcomeLabel, text.OutcomeName(outcome));
        }

        if (incident.Notes.Count > 0)
        {
            var note = incident.Notes[^1];
            Line(card, text.LastNote, $"{Html(Shorten(note.Text, 200))} —{Html(note.ActorName)}");
        }

        var last = incident.Audit.LastOrDefault(a => a.Action is not ("note" or "appeared"));
        if (last is not null)
        {
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
        Add(IncidentAction.Report, ButtonCode.Report, text.ReportButton);
        Add(IncidentAction.Assign, ButtonCode.OpenAssign, text.AssignButton);
        Add(IncidentAction.Escalate, ButtonCode.Escalate, text.EscalateButton);
        Add(IncidentAction.Resolve, ButtonCode.Resolve, text.ResolveButton);
        Add(IncidentAction.SendBack, ButtonCode.SendBack, text.SendBackButton);
        Add(IncidentAction.Close, ButtonCode.Close, text.CloseButton);
        Add(IncidentAction.Reopen, ButtonCode.Reopen, text.ReopenButton);
        Add(IncidentAction.FalseAlarm, ButtonCode.FalseAlarm, text.FalseAlarmButton);
        return buttons.Chunk(2).Select(row => row.ToList()).ToList();
    }

    /// <summary>The assign picker that replaces a card's buttons: people (paged) then departments, then Back.</summary>
    public List<List<ButtonSpec>> AssignPicker(Incident incident, Strings text, int page) =>
        AssignPage.Build(people.Assignable(), people.DepartmentNames(), incident, text, page);

    /// <summary>The handling-result picker (处理结果) shown when Resolve is pressed.</summary>
    public static List<List<ButtonSpec>> OutcomePicker(Incident incident, Strings text)
    {
        var rows = Enum.GetValues<HandlingOutcome>()
            .Select(o => new ButtonSpec(text.OutcomeName(o), new CallbackData(ButtonCode.PickOutcome, incident.Id, incident.Version, (long)o).Format()))
            .Chunk(2).Select(row => row.ToList()).ToList();
        rows.Add([new ButtonSpec(text.BackButton, new CallbackData(ButtonCode.Back, incident.Id, incident.Version).Format())]);
        return rows;
    }

    public string Mention(long userId) => $"<a href=\"tg://user?id={userId}\">{Html(people.NameOf(userId))}</a>";

    public string Time(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm");

    /// <summary>
    /// One source as is; a merged story shows its first publisher, how many other sources and how many appearances
    /// (also when one source carried it twice). HTML-safe.
    /// </summary>
    private static string SourcesOf(Incident incident, Strings text)
    {
        if (incident.Appearances.Count <= 1)
        {
            return Html(incident.SourceName);
        }

        var spread = StorySpread.Of(incident.Appearances, TimeSpan.FromDays(1));
        return text.StorySpreadLine(Html(Shorten(spread.First?.Source ?? incident.SourceName, 40)), spread.TotalSources, spread.Appearances);
    }

    private static void Line(StringBuilder card, string label, string value) =>
        card.Append(label).Append(LabelEnd(label)).Append(value).Append('\n');

    // Chinese labels take a full-width colon, English ones a colon and a space.
    private static string LabelEnd(string label) => label.Length > 0 && label[0] < 0x2E80 ? ": " : "：";

    internal static string Html(string value) => WebUtility.HtmlEncode(value);

    /// <summary>Every field of a card is capped, so a hostile title can never push a card past Telegram's 4,096 characters.</summary>
    internal const int MaxTitle = 300;

    internal static string Shorten(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
