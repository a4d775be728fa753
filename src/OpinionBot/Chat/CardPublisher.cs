using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>Turns incident events into cards and card edits in the outbox (inside the event's transaction).</summary>
public sealed class CardPublisher(
    Outbox outbox,
    CardRenderer renderer,
    IOptionsMonitor<ChatsOptions> chats,
    IOptionsMonitor<MonitoringOptions> monitoring) : IIncidentEvents
{
    private Strings Text => Strings.For(monitoring.CurrentValue.Culture);

    public void Opened(Incident incident) =>
        outbox.Send(chats.CurrentValue.Team, renderer.Text(incident, Text), CardRenderer.Buttons(incident, Text), incident.Id);

    public void Changed(Incident incident, AuditEntry entry) => EditEverywhere(incident);

    public void Escalated(Incident incident, AuditEntry entry)
    {
        EditEverywhere(incident);
        var leadership = chats.CurrentValue.Leadership;
        if (incident.EscalationLevel >= IncidentService.LeadershipLevel && leadership != 0 && !outbox.HasCard(incident.Id, leadership))
        {
            var html = Text.EscalatedHeading + "\n" + renderer.Text(incident, Text);
            outbox.Send(leadership, html, CardRenderer.Buttons(incident, Text), incident.Id);
        }
    }

    /// <summary>Shows the assign picker on one card (no state change, so no version bump).</summary>
    public void ShowAssignPicker(Incident incident, long chatId) =>
        outbox.EditCard(incident.Id, chatId, renderer.Text(incident, Text), renderer.AssignPicker(incident, Text));

    /// <summary>Shows the handling-result picker on one card: Resolve needs an outcome for the ledger.</summary>
    public void ShowOutcomePicker(Incident incident, long chatId) =>
        outbox.EditCard(incident.Id, chatId, renderer.Text(incident, Text), CardRenderer.OutcomePicker(incident, Text));

    /// <summary>Puts one card back to its normal buttons (after Back on a picker).</summary>
    public void ShowCard(Incident incident, long chatId) =>
        outbox.EditCard(incident.Id, chatId, renderer.Text(incident, Text), CardRenderer.Buttons(incident, Text));

    private void EditEverywhere(Incident incident)
    {
        var html = renderer.Text(incident, Text);
        var buttons = CardRenderer.Buttons(incident, Text);
        foreach (var chatId in outbox.CardChats(incident.Id))
        {
            outbox.EditCard(incident.Id, chatId, html, buttons);
        }
    }
}
