using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>
/// Turns incident events into cards, card edits and notices in the outbox, inside the event's transaction.
/// A card goes to the team chat and to its department's chat; escalation puts it in the next level's chat.
/// </summary>
public sealed class CardPublisher(
    Outbox outbox,
    CardRenderer renderer,
    PeopleDirectory people,
    IOptionsMonitor<ChatsOptions> chats,
    IOptionsMonitor<MonitoringOptions> monitoring,
    TimeProvider time) : IIncidentEvents
{
    private Strings Text => Strings.For(monitoring.CurrentValue.Culture);

    public void Opened(Incident incident)
    {
        PostCard(incident, chats.CurrentValue.Team, heading: null);
        if (DepartmentChat(incident) is { } departmentChat)
        {
            PostCard(incident, departmentChat, heading: null);
        }
    }

    public void Changed(Incident incident, AuditEntry entry)
    {
        // Assigning to a department routes the card to that department's chat.
        if (DepartmentChat(incident) is { } departmentChat && !outbox.HasCard(incident.Id, departmentChat))
        {
            PostCard(incident, departmentChat, heading: null);
        }

        EditEverywhere(incident);
    }

    public void Escalated(Incident incident, AuditEntry entry)
    {
        EditEverywhere(incident);
        var text = Text;
        var reason = text.Because(entry.Comment);
        if (incident.EscalationLevel >= IncidentService.LeadershipLevel)
        {
            var leadership = chats.CurrentValue.Leadership;
            if (leadership != 0 && !outbox.HasCard(incident.Id, leadership))
            {
                PostCard(incident, leadership, text.EscalatedToLeadership(reason));
            }
            else if (leadership != 0)
            {
                outbox.Notify(leadership, text.EscalatedToLeadership(reason) + " " + incident.Number, incident.Id);
            }

            return;
        }

        if (people.DepartmentOf(incident.Department) is { } department && DepartmentChat(incident) is { } chat)
        {
            var lead = department.Lead != 0 ? renderer.Mention(department.Lead) : CardRenderer.Html(department.Name);
            outbox.Notify(chat, text.EscalatedToLead(incident.Number, lead, reason), incident.Id);
        }
    }

    public void Reminded(Incident incident, Reminder reminder)
    {
        var text = Text;
        var number = incident.Number;
        var due = reminder.Due is { } at ? renderer.Time(at) : "";
        var left = reminder.Due is { } dueAt ? text.Left(dueAt - time.GetUtcNow()) : "";
        var message = reminder.Kind switch
        {
            ReminderKind.HalfTime => text.HalfTime(number, reminder.Deadline!.Value, due, left),
            ReminderKind.Final => text.FinalCall(number, reminder.Deadline!.Value, due, left),
            ReminderKind.Overdue => text.OverdueNotice(number, reminder.Deadline!.Value, due),
            ReminderKind.Progress => text.ProgressDue(number),
            ReminderKind.Reappeared => text.Reappeared(number, CardRenderer.Html(reminder.Detail ?? "")),
            _ => text.Worsened(number, CardRenderer.Html(reminder.Detail ?? "")),
        };
        message += " " + (incident.AssigneeId is { } assignee ? renderer.Mention(assignee) : text.OnDutyPlease);
        outbox.Notify(DepartmentChat(incident) ?? chats.CurrentValue.Team, message, incident.Id);
        EditEverywhere(incident); // refresh the time left shown on the card
    }

    /// <summary>Shows the assign picker on one card (no state change, so no version bump).</summary>
    public void ShowAssignPicker(Incident incident, long chatId, int page) =>
        outbox.EditCard(incident.Id, chatId, renderer.Text(incident, Text), renderer.AssignPicker(incident, Text, page));

    /// <summary>Shows the handling-result picker on one card: Resolve needs an outcome for the ledger.</summary>
    public void ShowOutcomePicker(Incident incident, long chatId) =>
        outbox.EditCard(incident.Id, chatId, renderer.Text(incident, Text), CardRenderer.OutcomePicker(incident, Text));

    /// <summary>Puts one card back to its normal buttons (after Back on a picker).</summary>
    public void ShowCard(Incident incident, long chatId) =>
        outbox.EditCard(incident.Id, chatId, renderer.Text(incident, Text), CardRenderer.Buttons(incident, Text));

    /// <summary>Posts the card again at the bottom of a chat (<c>/incident N</c>); later edits go to the new message.</summary>
    public void Repost(Incident incident, long chatId) => PostCard(incident, chatId, heading: null);

    private void PostCard(Incident incident, long chatId, string? heading)
    {
        var html = renderer.Text(incident, Text);
        outbox.Send(chatId, heading is null ? html : heading + "\n" + html, CardRenderer.Buttons(incident, Text), incident.Id);
    }

    private void EditEverywhere(Incident incident)
    {
        var html = renderer.Text(incident, Text);
        var buttons = CardRenderer.Buttons(incident, Text);
        foreach (var chatId in outbox.CardChats(incident.Id))
        {
            outbox.EditCard(incident.Id, chatId, html, buttons);
        }
    }

    private long? DepartmentChat(Incident incident) =>
        people.DepartmentOf(incident.Department) is { Chat: not 0 } department ? department.Chat : null;
}
