using Microsoft.Extensions.Options;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>
/// Turns incident events into cards, card edits and notices in the outbox, inside the event's transaction, each in the
/// language of the chat it goes to. A card goes to the team chat and to its department's chat; escalation puts it in
/// the next level's chat. Whoever a notice is addressed to also gets it privately (see <see cref="DirectNotices"/>).
/// News (worsening, overdue, send back, 报送) always goes out as a message; a card edit alone rings no phone.
/// </summary>
public sealed class CardPublisher(
    Outbox outbox,
    CardRenderer renderer,
    PeopleDirectory people,
    ChatLanguages languages,
    DirectNotices direct,
    DutyRoster roster,
    ReportSubmission submission,
    IOptionsMonitor<ChatsOptions> chats,
    IOptionsMonitor<EscalationOptions> escalation,
    TimeProvider time) : IIncidentEvents
{
    public void Opened(Incident incident)
    {
        PostCard(incident, chats.CurrentValue.Team, heading: null, OpeningCards.Of(incident));
        if (DepartmentChat(incident) is { } departmentChat && departmentChat != chats.CurrentValue.Team)
        {
            PostCard(incident, departmentChat, heading: null, OpeningCards.Of(incident));
        }

        // 分级响应: opened straight at the top (a major item), so the leadership group gets the card now, naming who is on duty.
        if (incident.EscalationLevel >= IncidentService.LeadershipLevel)
        {
            var leadership = LeadershipChat();
            var text = languages.For(leadership);
            var heading = text.GradedResponse(incident.Grade, roster.Now() is { } duty ? renderer.Mention(duty.UserId) : null);
            if (!outbox.HasCard(incident.Id, leadership))
            {
                // A 重大 card here is a new 重大 card like the team's: it goes before the chat's other messages, and before
                // other chats' backlogs (see OutboxSender). Other grades sent up keep the plain card, never held for a digest.
                PostCard(incident, leadership, heading, incident.Grade == Grade.Major ? OpeningCard.Major : null);
            }
            else
            {
                outbox.Notify(leadership, heading + " " + incident.Number, incident.Id);
            }
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

        switch (entry.Action)
        {
            case "report":
                submission.Submit(incident, entry);
                break;
            case "note" when ReportSubmission.IsProgress(incident) && incident.Notes.Count > 0:
                submission.Progress(incident, incident.Notes[^1]);
                break;
            case "sendback":
                SentBack(incident, entry);
                break;
        }
    }

    /// <summary>Asks the presser for the reason of a send back (ForceReply); their reply carries it.</summary>
    public void AskSendBackReason(Incident incident, long chatId, long userId)
    {
        var text = languages.For(chatId);
        outbox.Ask(chatId, text.SendBackPrompt(incident.Number, renderer.Mention(userId)), text.SendBackPlaceholder);
    }

    /// <summary>The dispatcher (who assigned it, else the on-duty officer) and the team hear why it came back.</summary>
    private void SentBack(Incident incident, AuditEntry entry)
    {
        var dispatcher = incident.Audit.LastOrDefault(a => a.Action == "assign" && a.ActorId > 0 && a.ActorId != entry.ActorId)?.ActorId
                         ?? roster.Now()?.UserId;
        var team = chats.CurrentValue.Team;
        string Notice(Strings t) => t.SentBack(incident.Number, CardRenderer.Html(entry.ActorName), CardRenderer.Html(entry.Comment ?? ""),
            dispatcher is { } person ? renderer.Mention(person) : t.Dispatcher);
        outbox.Notify(team, Notice(languages.For(team)), incident.Id);
        if (dispatcher is { } who && who != entry.ActorId)
        {
            direct.Tell(who, team, t => Notice(t) + "\n" + Summary(incident));
        }
    }

    public void Escalated(Incident incident, AuditEntry entry)
    {
        EditEverywhere(incident);
        var note = OverdueNote(incident, entry);
        // IncidentService decides the level (a department without a lead goes straight to 2); the lead check here only
        // covers a department whose lead was removed from the settings since it reached level 1.
        var department = people.DepartmentOf(incident.Department);
        if (incident.EscalationLevel >= IncidentService.LeadershipLevel || department is not { Lead: not 0 })
        {
            // Without a leadership chat, escalations go to the supervisors (or the team) rather than nowhere.
            var leadership = LeadershipChat();
            var text = languages.For(leadership);
            var heading = text.EscalatedToLeadership(text.Because(entry.Comment));
            if (leadership != 0 && !outbox.HasCard(incident.Id, leadership))
            {
                // A card the deadline watch sends up is new to that chat: many at once (after an outage) go as a digest,
                // like new incidents. A 重大 one keeps its plain card.
                // Marked as escalated, so a digest says so rather than calling them new.
                PostCard(incident, leadership, heading, note is not null && incident.Grade != Grade.Major ? OpeningCards.Of(incident) : null,
                    escalated: note is not null);
            }
            else if (leadership != 0)
            {
                outbox.Notify(leadership, heading + " " + incident.Number, incident.Id, note);
            }

            if (incident.AssigneeId is { } holder && holder != entry.ActorId)
            {
                direct.Tell(holder, HomeChat(incident), t => t.EscalatedToLeadership(t.Because(entry.Comment)) + "\n" + Summary(incident), note);
            }

            return;
        }

        {
            // Level 1: the department lead, in the department's chat (or the team chat when it has none), and privately.
            var chat = HomeChat(incident);
            string Notice(Strings t) => t.EscalatedToLead(incident.Number, renderer.Mention(department.Lead), t.Because(entry.Comment));
            outbox.Notify(chat, Notice(languages.For(chat)), incident.Id, note);
            if (department.Lead != entry.ActorId)
            {
                direct.Tell(department.Lead, chat, t => Notice(t) + "\n" + Summary(incident), note);
            }
        }
    }

    public void Reminded(Incident incident, Reminder reminder)
    {
        // Where the holder is (a team officer holding a department's item reads the team chat), or, while nobody
        // holds it, the team chat (where the on-duty officer is) and the department's chat.
        var onDuty = incident.AssigneeId is null ? roster.Now()?.UserId : null;
        var addressee = incident.AssigneeId ?? onDuty;
        var places = ReminderChats(incident);
        var note = ReminderNote.For(incident, reminder);
        foreach (var chat in places)
        {
            var text = languages.For(chat);
            var whom = incident.AssigneeId is { } assignee ? renderer.Mention(assignee)
                : onDuty is { } officer ? text.OnDutyPleaseMention(renderer.Mention(officer)) : text.OnDutyPlease;
            outbox.Notify(chat, ReminderText(incident, reminder, text) + " " + whom, incident.Id, note);
        }

        if (addressee is { } person)
        {
            direct.Tell(person, places[0], t => ReminderText(incident, reminder, t) + "\n" + Summary(incident), note);
        }

        // At the top of the chain the leadership group (and the supervisors, for a missed deadline) hear it as a message
        // too: the card they hold only changes, and an edit rings no phone.
        var atTop = incident.EscalationLevel >= IncidentService.LeadershipLevel && reminder.EscalatedTo is null;
        var upward = reminder.Kind switch
        {
            ReminderKind.Worsened when atTop => [LeadershipChat()],
            ReminderKind.Overdue when atTop => [LeadershipChat(), SupervisorsChat()],
            ReminderKind.StillOverdue => new[] { LeadershipChat(), SupervisorsChat() },
            _ => [],
        };
        foreach (var chat in upward.Where(c => c != 0 && !places.Contains(c)).Distinct())
        {
            outbox.Notify(chat, ReminderText(incident, reminder, languages.For(chat)), incident.Id, note);
        }

        EditEverywhere(incident); // refresh the time left shown on the card
    }

    /// <summary>An escalation the deadline watch made is part of the overdue nag: it folds with the reminders in a flooded chat.</summary>
    private static ReminderNote? OverdueNote(Incident incident, AuditEntry entry) =>
        entry.Comment is "overdue-claim" or "overdue-report" ? new ReminderNote { IncidentId = incident.Id, Kind = ReminderKind.Overdue, Grade = incident.Grade } : null;

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
    /// <param name="escalated">Set for a card the deadline watch sends up: a digest counts it as escalated, not new.</param>
    private void PostCard(Incident incident, long chatId, string? heading, OpeningCard? opening = null, bool escalated = false)
    {
        var text = languages.For(chatId);
        var html = renderer.Text(incident, text);
        outbox.Send(chatId, html, CardRenderer.Buttons(incident, text), incident.Id, opening: opening, heading: heading, escalated: escalated);
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
            ReminderKind.Overdue => text.OverdueStep(number, reminder.Deadline!.Value, due, reminder.EscalatedTo,
                incident.EscalationLevel >= IncidentService.LeadershipLevel, escalation.CurrentValue.RepeatEvery),
            ReminderKind.StillOverdue => text.StillOverdue(number, reminder.Deadline!.Value, due,
                reminder.Due is { } missed ? time.GetUtcNow() - missed : TimeSpan.Zero, escalation.CurrentValue.RepeatEvery),
            ReminderKind.Progress => ReportSubmission.IsProgress(incident) ? text.ProgressDueReported(number) : text.ProgressDue(number),
            ReminderKind.Reappeared => text.Reappeared(number, CardRenderer.Html(reminder.Detail ?? "")),
            _ => text.WorsenedNotice(number, CardRenderer.Html(reminder.Detail ?? ""), incident.EscalationLevel >= IncidentService.LeadershipLevel),
        };
    }

    /// <summary>Number, title and link: enough for a private message to stand on its own.</summary>
    private static string Summary(Incident incident) =>
        $"<b>{incident.Number}</b> {CardRenderer.Html(CardRenderer.Shorten(incident.Title, CardRenderer.MaxTitle))}\n<a href=\"{CardRenderer.Html(incident.Url)}\">{CardRenderer.Html(CardRenderer.Shorten(incident.Url, 60))}</a>";

    private long HomeChat(Incident incident) => DepartmentChat(incident) ?? chats.CurrentValue.Team;

    /// <summary>
    /// Where reminders go: the holder's chat (their department's chat for its own people, the team chat for the team's),
    /// or while nobody holds it the team chat and the department's chat.
    /// </summary>
    private List<long> ReminderChats(Incident incident)
    {
        var team = chats.CurrentValue.Team;
        var department = people.DepartmentOf(incident.Department);
        var departmentChat = department is { Chat: not 0 } ? department.Chat : (long?)null;
        if (incident.AssigneeId is { } holder)
        {
            var ownPerson = department is not null && (department.Lead == holder || department.Members.Contains(holder));
            return [ownPerson && people.TeamRole(holder) == Role.Stranger && departmentChat is { } own ? own : team];
        }

        return departmentChat is { } chat && chat != team ? [team, chat] : [team];
    }

    /// <summary>The leadership group, or without one the supervisors, or the team: escalations never go nowhere.</summary>
    private long LeadershipChat()
    {
        var configured = chats.CurrentValue;
        return configured.Leadership != 0 ? configured.Leadership : SupervisorsChat();
    }

    private long SupervisorsChat()
    {
        var configured = chats.CurrentValue;
        return configured.Supervisors != 0 ? configured.Supervisors : configured.Team;
    }

    private long? DepartmentChat(Incident incident) =>
        people.DepartmentOf(incident.Department) is { Chat: not 0 } department ? department.Chat : null;
}
