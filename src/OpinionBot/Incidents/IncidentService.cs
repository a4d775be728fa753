using OpinionBot.Storage;

namespace OpinionBot.Incidents;

/// <summary>
/// The rules that create and change incidents. Every change is one storage transaction that also carries what the
/// change must tell people (through <see cref="IIncidentEvents"/>), so nothing is lost or doubled.
/// </summary>
public sealed class IncidentService(OpinionDatabase db, IIncidentEvents events, TimeProvider time, TimeZoneInfo zone)
{
    /// <summary>Highest escalation level: 0 team, 1 department lead, 2 leadership group.</summary>
    public const int LeadershipLevel = 2;

    /// <summary>Opens a new incident for an appearance. Call inside <see cref="OpinionDatabase.Write{T}"/>.</summary>
    public Incident Open(NewAppearance appearance)
    {
        var year = TimeZoneInfo.ConvertTime(appearance.Discovered, zone).Year;
        var item = appearance.Item;
        var incident = new Incident
        {
            Number = $"{year}-{db.NextValue($"incident-number-{year}"):0000}",
            Title = item.Title,
            Url = item.Url,
            SourceName = appearance.SourceName,
            Topics = appearance.Matches.Select(m => m.Topic).ToList(),
            Keywords = appearance.Matches.SelectMany(m => m.Keywords).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Published = item.Published,
            Discovered = appearance.Discovered,
            Appearances =
            [
                new Appearance
                {
                    Url = item.Url, Title = item.Title, SourceName = appearance.SourceName,
                    Published = item.Published, Discovered = appearance.Discovered,
                },
            ],
        };
        incident.Audit.Add(new AuditEntry
        {
            At = appearance.Discovered, ActorId = Actor.Bot.Id, ActorName = Actor.Bot.Name, Action = "created",
            From = IncidentStatus.New, To = IncidentStatus.New,
        });
        db.Incidents.Insert(incident);
        events.Opened(incident);
        return incident;
    }

    /// <summary>
    /// Applies a person's action. <paramref name="expectedVersion"/> (from the pressed card) guards against stale cards.
    /// </summary>
    public ActionResult Apply(long incidentId, IncidentAction action, Actor actor, int? expectedVersion = null,
        long? assigneeId = null, HandlingOutcome? outcome = null, string? comment = null) =>
        db.Write(() =>
        {
            var incident = db.Incidents.FindById(incidentId);
            if (incident is null)
            {
                return new ActionResult(ActionOutcome.UnknownIncident, null);
            }

            if (expectedVersion is { } version && version != incident.Version)
            {
                return new ActionResult(ActionOutcome.Stale, incident);
            }

            if (!Lifecycle.TryNext(incident.Status, action, out var next) ||
                (action == IncidentAction.Escalate && incident.EscalationLevel >= LeadershipLevel) ||
                (action == IncidentAction.Assign && assigneeId is null))
            {
                return new ActionResult(ActionOutcome.NotAllowed, incident);
            }

            if (action == IncidentAction.Assign && incident.AssigneeId == assigneeId && incident.Status == next)
            {
                return new ActionResult(ActionOutcome.Unchanged, incident);
            }

            var now = time.GetUtcNow();
            var entry = new AuditEntry
            {
                At = now, ActorId = actor.Id, ActorName = actor.Name, Action = action.ToString().ToLowerInvariant(),
                From = incident.Status, To = next, Comment = comment,
            };
            ApplyEffects(incident, action, actor, next, now, assigneeId, outcome);
            incident.Audit.Add(entry);
            incident.Version++;
            db.Incidents.Update(incident);

            if (action == IncidentAction.Escalate)
            {
                events.Escalated(incident, entry);
            }
            else
            {
                events.Changed(incident, entry);
            }

            return new ActionResult(ActionOutcome.Done, incident);
        });

    private static void ApplyEffects(Incident incident, IncidentAction action, Actor actor, IncidentStatus next,
        DateTimeOffset now, long? assigneeId, HandlingOutcome? outcome)
    {
        incident.Status = next;
        switch (action)
        {
            case IncidentAction.Claim:
                incident.AssigneeId ??= actor.Id;
                incident.ClaimedAt ??= now;
                break;
            case IncidentAction.Assign:
                incident.AssigneeId = assigneeId;
                incident.ClaimedAt ??= now;
                break;
            case IncidentAction.Report:
                incident.ReportedAt ??= now;
                break;
            case IncidentAction.Escalate:
                // Without a department there is no lead to go to, so the team escalates straight to leadership.
                incident.EscalationLevel = incident.Department is null ? LeadershipLevel : incident.EscalationLevel + 1;
                break;
            case IncidentAction.Resolve:
                incident.ResolvedAt = now;
                incident.Outcome = outcome ?? incident.Outcome ?? HandlingOutcome.Other;
                break;
            case IncidentAction.Close:
                incident.ClosedAt = now;
                break;
            case IncidentAction.SendBack:
                incident.AssigneeId = null;
                break;
            case IncidentAction.Reopen:
                incident.ResolvedAt = null;
                incident.ClosedAt = null;
                break;
            case IncidentAction.FalseAlarm:
                incident.ClosedAt = now;
                break;
        }
    }
}
