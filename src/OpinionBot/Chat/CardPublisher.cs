using Microsoft.Extensions.Options;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>
/// Turns incident events into cards, card edits and notices in the outbox, inside the event's transaction, each in the
/// language of the chat it goes to. A card goes to the team chat and to its department's chat; escalation puts it in
/// the next level's chat. Whoever a notice is addressed to also gets it privately (see <see cref="DirectNotices"/>).
/// </summary>
public sealed class CardPublisher(
    Outbox outbox,
    CardRenderer renderer,
    PeopleDirectory people,
    ChatLanguages languages,
    DirectNotices direct,
    DutyRoster roster,
    IOptionsMonitor<ChatsOptions> chats,
    TimeProvider time) : IIncidentEvents
{
    public void Opened(Incident incident)
    {
        PostCard(incident, chats.CurrentValue.Team, heading: null, OpeningCards.Of(incident));
        if (DepartmentChat(incident) is { } departmentChat && departmentChat != chats.CurrentValue.Team)
        {
            PostCard(incident, departmentChat, heading: null, OpeningCards.Of(incident));
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
        if (entry.Action == "assign" && incident.AssigneeId is { } assignee && assignee != entry.ActorId)
        {
            direct.Tell(assignee, HomeChat(incident), text => text.AssignedToYou(CardRenderer.Html(entry.ActorName)) + "\n" + Summary(incident));
        }
    }

    public void Escalated(Incident incident, AuditEntry entry)
    {
        EditEverywhere(incident);
        // A department nobody leads (or one not configured) has no level 1 to tell: go to the leadership group instead.
        var department = people.DepartmentOf(incident.Department);
        if (incident.EscalationLevel >= IncidentService.LeadershipLevel || department is not { Lead: not 0 })
        {
            // Without a leadership chat, escalations go to the supervisors (or the team) rather than nowhere.
            var configured = chats.CurrentValue;
            var leadership = configured.Leadership != 0 ? configured.Leadership : configured.Supervisors != 0 ? configured.Supervisors : configured.Team;
            var text = languages.For(leadership);
            var heading = text.EscalatedToLeadership(text.Because(entry.Comment));
            if (leadership != 0 && !outbox.HasCard(incident.Id, leadership))
            {
                PostCard(incident, leadership, heading);
            }
            else if (leadership != 0)
            {
                outbox.Notify(leadership, heading + " " + incident.Number, incident.Id);
            }

            if (incident.AssigneeId is { } holder && holder != entry.ActorId)
            {
                direct.Tell(holder, HomeChat(incident), t => t.EscalatedToLeadership(t.Because(entry.Comment)) + "\n" + Summary(incident));
            }

            return;
        }

        {
            // Level 1: the department lead, in the department's chat (or the team chat when it has none), and privately.
            var chat = HomeChat(incident);
            string Notice(Strings t) => t.EscalatedToLead(incident.Number, renderer.Mention(department.Lead), t.Because(entry.Comment));
            outbox.Notify(chat, Notice(languages.For(chat)), incident.Id);
            if (department.Lead != entry.ActorId)
            {
                direct.Tell(department.Lead, chat, t => Notice(t) + "\n" + Summary(incident));
            }
        }
    }

    public void Reminded(Incident incident, Reminder reminder)
    {
        var chat = HomeChat(incident);
        var text = languages.For(chat);
        var onDuty = incident.AssigneeId is null ? roster.Now()?.UserId : null;
        var addressee = incident.AssigneeId ?? onDuty;
        var whom = incident.AssigneeId is { } assignee ? renderer.Mention(assignee)
            : onDuty is { } officer ? text.OnDutyPleaseMention(renderer.Mention(officer)) : text.OnDutyPlease;
        outbox.Notify(chat, ReminderText(incident, reminder, text) + " " + whom, incident.Id);
        if (addressee is { } person)
        {
            direct.Tell(person, chat, t => ReminderText(incident, reminder, t) + "\n" + Summary(incident));
        }

        EditEverywhere(incident); // refresh the time left shown on the card
    }

    /// <summary>Shows the assign picker on one card (no state change, so no version bump).</summary>
    public void ShowAssignPicker(Incident incident, long chatId, int page)
    {
        var text = languages.For(chatId);
        outbox.EditCard(incident.Id, chatId, renderer.Text(incident, text), renderer.AssignPicker(incident, text, page));
    }

    /// <summary>Shows the handling-result picker on one card: Resolve needs an outcome for the ledger.</summary>
    public void ShowOutcomePicker(Incident incident, long chatId)
    {
        var text = languages.For(chatId);
        outbox.EditCard(incident.Id, chatId, renderer.Text(incident, text), CardRenderer.OutcomePicker(incident, text));
    }

    /// <summary>Puts one card back to its normal buttons (after Back on a picker).</summary>
    public void ShowCard(Incident incident, long chatId)
    {
        var text = languages.For(chatId);
        outbox.EditCard(incident.Id, chatId, renderer.Text(incident, text), CardRenderer.Buttons(incident, text));
    }

    /// <summary>Posts the card again at the bottom of a chat (<c>/incident N</c>); later edits go to the new message.</summary>
    public void Repost(Incident incident, long chatId) => PostCard(incident, chatId, heading: null);

    /// <param name="opening">Set for a newly opened incident's card, which a flooded chat may get in a digest instead.</param>
    private void PostCard(Incident incident, long chatId, string? heading, OpeningCard? opening = null)
    {
        var text = languages.For(chatId);
        var html = renderer.Text(incident, text);
        outbox.Send(chatId, heading is null ? html : heading + "\n" + html, CardRenderer.Buttons(incident, text), incident.Id, opening: opening);
    }

    private void EditEverywhere(Incident incident)
    {
        foreach (var chatId in outbox.CardChats(incident.Id))
        {
            var text = languages.For(chatId);
            outbox.EditCard(incident.Id, chatId, renderer.Text(incident, text), CardRenderer.Buttons(incident, text));
        }
    }

    private string ReminderText(Incident incident, Reminder reminder, Strings text)
    {
        var number = incident.Number;
        var due = reminder.Due is { } at ? renderer.Time(at) : "";
        var left = reminder.Due is { } dueAt ? text.Left(dueAt - time.GetUtcNow()) : "";
        return reminder.Kind switch
        {
            ReminderKind.HalfTime => text.HalfTime(number, reminder.Deadline!.Value, due, left),
            ReminderKind.Final => text.FinalCall(number, reminder.Deadline!.Value, due, left),
            ReminderKind.Overdue => text.OverdueNotice(number, reminder.Deadline!.Value, due),
            ReminderKind.Progress => text.ProgressDue(number),
            ReminderKind.Reappeared => text.Reappeared(number, CardRenderer.Html(reminder.Detail ?? "")),
            _ => text.Worsened(number, CardRenderer.Html(reminder.Detail ?? "")),
        };
    }

    /// <summary>Number, title and link: enough for a private message to stand on its own.</summary>
    private static string Summary(Incident incident) =>
        $"<b>{incident.Number}</b> {CardRenderer.Html(CardRenderer.Shorten(incident.Title, CardRenderer.MaxTitle))}\n<a href=\"{CardRenderer.Html(incident.Url)}\">{CardRenderer.Html(CardRenderer.Shorten(incident.Url, 60))}</a>";

    private long HomeChat(Incident incident) => DepartmentChat(incident) ?? chats.CurrentValue.Team;

    private long? DepartmentChat(Incident incident) =>
        people.DepartmentOf(incident.Department) is { Chat: not 0 } department ? department.Chat : null;
}
