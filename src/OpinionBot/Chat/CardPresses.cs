using OpinionBot.Incidents;
using OpinionBot.People;
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
    ConfiguredChats chats,
    ChatLanguages languages)
{
    public string Handle(CallbackQuery query)
    {
        var chatId = query.Message?.Chat.Id ?? 0;
        var text = languages.For(chatId);
        var data = CallbackData.Parse(query.Data);
        if (data is null)
        {
            return text.BadButton;
        }

        if (!chats.Contains(chatId))
        {
            return text.NotAllowedHere;
        }

        var incident = db.Read(s => s.Incidents.Get(data.IncidentId));
        if (incident is null)
        {
            return text.UnknownIncident;
        }

        var role = people.RoleFor(query.From.Id, incident);
        if (role == Role.Stranger)
        {
            return text.NotAMember;
        }

        if (incident.Version != data.Version)
        {
            return text.StaleCard;
        }

        if (Picker(data, incident, chatId, query.From.Id, role, text) is { } pickerAnswer)
        {
            return pickerAnswer;
        }

        if (ButtonCodes.ActionOf(data.Code) is not { } action)
        {
            return text.BadButton;
        }

        string? department = null;
        if (data.Code == ButtonCode.PickDepartment)
        {
            if (people.DepartmentAt(data.Argument) is not { } picked)
            {
                return text.BadButton;
            }

            department = picked.Name;
        }

        if ((data.Code == ButtonCode.PickAssignee && people.Assignable().All(p => p.Id != data.Argument)) ||
            (data.Code == ButtonCode.PickOutcome && !Enum.IsDefined(typeof(HandlingOutcome), (int)data.Argument)))
        {
            return text.BadButton;
        }

        var actor = new Actor(query.From.Id, people.NameOf(query.From.Id), role);
        var result = incidents.Apply(incident.Id, action, actor, data.Version,
            assigneeId: data.Code == ButtonCode.PickAssignee ? data.Argument
                : department is not null ? people.DepartmentOf(department)?.Lead is > 0 and var lead ? lead : null : null,
            outcome: data.Code == ButtonCode.PickOutcome ? (HandlingOutcome)data.Argument : null,
            department: department);
        return result.Outcome == ActionOutcome.Forbidden
            ? text.ForbiddenFor(Permissions.MinimumFor(action, incident.Status)) // says who may, in this state
            : text.Answer(result.Outcome, action);
    }

    /// <summary>Buttons that only open or close a picker on this one card; null for real actions.</summary>
    private string? Picker(CallbackData data, Incident incident, long chatId, long userId, Role role, Strings text)
    {
        switch (data.Code)
        {
            case ButtonCode.OpenAssign:
                if (!Permissions.Allows(role, IncidentAction.Assign))
                {
                    return text.Forbidden(IncidentAction.Assign);
                }

                if (!Lifecycle.Allows(incident.Status, IncidentAction.Assign))
                {
                    return text.AlreadyInThatState;
                }

                if (people.Assignable().Count == 0 && people.DepartmentNames().Count == 0)
                {
                    return text.NoPeopleToAssign;
                }

                publisher.ShowAssignPicker(incident, chatId, (int)Math.Clamp(data.Argument, 0, 1000));
                return text.PickAssignee;

            case ButtonCode.Resolve:
                if (!Permissions.Allows(role, IncidentAction.Resolve))
                {
                    return text.Forbidden(IncidentAction.Resolve);
                }

                if (!Lifecycle.Allows(incident.Status, IncidentAction.Resolve))
                {
                    return text.AlreadyInThatState;
                }

                publisher.ShowOutcomePicker(incident, chatId);
                return text.PickOutcome;

            case ButtonCode.SendBack:
                // Whoever gets it back must know why: the press asks for the reason, the reply to the prompt sends it back.
                if (!Permissions.Allows(role, IncidentAction.SendBack, incident.Status))
                {
                    return text.ForbiddenFor(Permissions.MinimumFor(IncidentAction.SendBack, incident.Status));
                }

                if (!Lifecycle.Allows(incident.Status, IncidentAction.SendBack))
                {
                    return text.AlreadyInThatState;
                }

                publisher.AskSendBackReason(incident, chatId, userId);
                return text.SendBackAsked;

            case ButtonCode.Back:
                publisher.ShowCard(incident, chatId);
                return "";

            default:
                return null;
        }
    }
}
