using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Storage;
using OpinionBot.Text;
using Telegram.Bot.Types;

namespace OpinionBot.Chat;

/// <summary>
/// Handles a press on a card button and returns the toast to answer it with. Runs inside the update's transaction.
/// Every refusal changes nothing.
/// </summary>
public sealed class CardPresses(
    OpinionDatabase db,
    IncidentService incidents,
    CardPublisher publisher,
    PeopleDirectory people,
    IOptionsMonitor<ChatsOptions> chats,
    IOptionsMonitor<MonitoringOptions> monitoring)
{
    public string Handle(CallbackQuery query)
    {
        var text = Strings.For(monitoring.CurrentValue.Culture);
        var data = CallbackData.Parse(query.Data);
        if (data is null)
        {
            return text.BadButton;
        }

        var chatId = query.Message?.Chat.Id ?? 0;
        if (!IsConfiguredChat(chatId))
        {
            return text.NotAllowedHere;
        }

        if (!people.IsTeamMember(query.From.Id))
        {
            return text.NotAMember;
        }

        var incident = db.Incidents.FindById(data.IncidentId);
        if (incident is null)
        {
            return text.UnknownIncident;
        }

        if (incident.Version != data.Version)
        {
            return text.StaleCard;
        }

        var actor = new Actor(query.From.Id, people.NameOf(query.From.Id));
        switch (data.Code)
        {
            case ButtonCode.OpenAssign:
                if (!Lifecycle.Allows(incident.Status, IncidentAction.Assign))
                {
                    return text.AlreadyInThatState;
                }

                if (people.Assignable().Count == 0)
                {
                    return text.NoPeopleToAssign;
                }

                publisher.ShowAssignPicker(incident, chatId);
                return text.PickAssignee;

            case ButtonCode.Resolve:
                if (!Lifecycle.Allows(incident.Status, IncidentAction.Resolve))
                {
                    return text.AlreadyInThatState;
                }

                publisher.ShowOutcomePicker(incident, chatId);
                return text.PickOutcome;

            case ButtonCode.Back:
                publisher.ShowCard(incident, chatId);
                return "";

            case ButtonCode.PickAssignee when people.Assignable().All(p => p.Id != data.Argument):
                return text.BadButton;

            case ButtonCode.PickOutcome when !Enum.IsDefined(typeof(HandlingOutcome), (int)data.Argument):
                return text.BadButton;
        }

        if (ButtonCodes.ActionOf(data.Code) is not { } action)
        {
            return text.BadButton;
        }

        var result = incidents.Apply(incident.Id, action, actor, data.Version,
            assigneeId: data.Code == ButtonCode.PickAssignee ? data.Argument : null,
            outcome: data.Code == ButtonCode.PickOutcome ? (HandlingOutcome)data.Argument : null);
        return result.Outcome switch
        {
            ActionOutcome.Done => text.Done,
            ActionOutcome.Stale => text.StaleCard,
            ActionOutcome.UnknownIncident => text.UnknownIncident,
            _ => text.AlreadyInThatState,
        };
    }

    private bool IsConfiguredChat(long chatId)
    {
        var configured = chats.CurrentValue;
        return chatId != 0 && (chatId == configured.Team || chatId == configured.Leadership || chatId == configured.Supervisors);
    }
}
