using Microsoft.Extensions.Options;
using OpinionBot.Storage;

namespace OpinionBot.Incidents;

/// <summary>
/// The rules that create and change incidents. Every change is one storage transaction that also carries what the
/// change must tell people (through <see cref="IIncidentEvents"/>), so nothing is lost or doubled.
/// </summary>
public sealed class IncidentService(
    OpinionDatabase db,
    IIncidentEvents events,
    TimeProvider time,
    TimeZoneInfo zone,
    IOptionsMonitor<DeadlineOptions> deadlines,
    IOptionsMonitor<EscalationOptions> escalation,
    DepartmentLookup departments)
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
            Number = $"{year}-{db.Write(s => s.Counters.Next($"incident-number-{year}")):0000}",
            Title = item.Title,
            Url = item.Url,
            SourceName = appearance.SourceName,
            Topics = appearance.Matches.Select(m => m.Topic).ToList(),
            Keywords = appearance.Matches.SelectMany(m => m.Keywords).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Published = item.Published,
            Discovered = appearance.Discovered,
            Department = appearance.Department,
            Grade = appearance.Grade,
            GradeReason = appearance.GradeReason,
            Negative = appearance.Negative,
            NegativeScore = appearance.NegativeScore,
            NegativeWords = appearance.NegativeWords.ToList(),
            Rebuttals = appearance.Rebuttals.ToList(),
            Appearances = [AppearanceOf(appearance)],
            StorySeq = appearance.StorySeq ?? 0,
        };
        incident.Audit.Add(Entry(appearance.Discovered, Actor.Bot, "created", IncidentStatus.New, IncidentStatus.New, null));
        if (CallsForLeadership(incident.Grade))
        {
            // 分级响应: a major item is reported to the leadership group at once, not after a missed deadline.
            incident.EscalationLevel = LeadershipLevel;
            incident.Audit.Add(Entry(appearance.Discovered, Actor.Bot, "escalate", IncidentStatus.New, IncidentStatus.New, GradeEscalationReason(incident.Grade)));
        }

        db.Write(s => s.Incidents.Open(incident));
        events.Opened(incident);
        return incident;
    }

    /// <summary>
    /// Applies a person's action. <paramref name="expectedVersion"/> (from the pressed card) guards against stale cards.
    /// </summary>
    public ActionResult Apply(long incidentId, IncidentAction action, Actor actor, int? expectedVersion = null,
        long? assigneeId = null, HandlingOutcome? outcome = null, string? comment = null, string? department = null) =>
        db.Write(_ =>
        {
            var incident = db.Read(s => s.Incidents.Get(incidentId));
            if (incident is null)
            {
                return new ActionResult(ActionOutcome.UnknownIncident, null);
            }

            if (expectedVersion is { } version && version != incident.Version)
            {
                return new ActionResult(ActionOutcome.Stale, incident);
            }

            if (!Permissions.Allows(actor.Role, action, incident.Status))
            {
                return new ActionResult(ActionOutcome.Forbidden, incident);
            }

            if (action == IncidentAction.SendBack && string.IsNullOrWhiteSpace(comment))
            {
                return new ActionResult(ActionOutcome.ReasonRequired, incident); // whoever gets it back must know why
            }

            if (!Lifecycle.TryNext(incident.Status, action, out var next) ||
                (action == IncidentAction.Escalate && incident.EscalationLevel >= LeadershipLevel) ||
                (action == IncidentAction.Assign && assigneeId is null && department is null))
            {
                return new ActionResult(ActionOutcome.NotAllowed, incident);
            }

            if (action == IncidentAction.Assign && incident.AssigneeId == assigneeId && incident.Status == next &&
                (department is null || department == incident.Department))
            {
                return new ActionResult(ActionOutcome.Unchanged, incident);
            }

            var now = time.GetUtcNow();
            var entry = Entry(now, actor, action.ToString().ToLowerInvariant(), incident.Status, next, comment);
            ApplyEffects(incident, action, actor, next, now, assigneeId, outcome);
            if (action == IncidentAction.Assign && department is not null)
            {
                incident.Department = department; // 分转交办: the department now answers for it
            }

            Describe(entry, incident, action);
            Save(incident, entry);
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

    /// <summary>Adds a note (a reply to the card, or <c>/note</c>); any team member may.</summary>
    public ActionResult Note(long incidentId, Actor actor, string text) =>
        db.Write(_ =>
        {
            var incident = db.Read(s => s.Incidents.Get(incidentId));
            if (incident is null)
            {
                return new ActionResult(ActionOutcome.UnknownIncident, null);
            }

            if (actor.Role < Role.Member)
            {
                return new ActionResult(ActionOutcome.Forbidden, incident);
            }

            var now = time.GetUtcNow();
            var clean = text.Trim();
            incident.Notes.Add(new IncidentNote { At = now, ActorId = actor.Id, ActorName = actor.Name, Text = clean.Length > 1000 ? clean[..1000] : clean });
            var entry = Entry(now, actor, "note", incident.Status, incident.Status, null);
            Save(incident, entry);
            events.Changed(incident, entry);
            return new ActionResult(ActionOutcome.Done, incident);
        });

    /// <summary>
    /// A person changes the grade, up or down (the bot only ever raises it, see <see cref="Worsen"/>); the old and new
    /// grade and the reason go in the audit trail, and the deadlines follow the new grade.
    /// </summary>
    public ActionResult ChangeGrade(long incidentId, Actor actor, Grade grade, string? reason = null) =>
        db.Write(_ =>
        {
            var result = Change(incidentId, actor, Permissions.ChangeGrade, incident => incident.Grade == grade ? null : () =>
            {
                var comment = $"{incident.Grade}→{grade}" + (string.IsNullOrWhiteSpace(reason) ? "" : ": " + reason.Trim());
                incident.Grade = grade;
                incident.GradeReason = string.IsNullOrWhiteSpace(reason) ? incident.GradeReason : reason.Trim();
                return ("grade", comment);
            });

            // Raised by hand to a grade the graded response sends upward: the leadership group hears of it now.
            if (result is { Succeeded: true, Incident: { } changed } && CallsForLeadership(changed.Grade))
            {
                EscalateAutomatically(changed, GradeEscalationReason(changed.Grade), straightToLeadership: true);
            }

            return result;
        });

    /// <summary>Silences the incident's reminders until then (null lifts it); deadlines still escalate.</summary>
    public ActionResult Mute(long incidentId, Actor actor, DateTimeOffset? until) =>
        Change(incidentId, actor, Permissions.Mute, incident => !Lifecycle.IsOpen(incident.Status) || incident.MutedUntil == until ? null : () =>
        {
            incident.MutedUntil = until;
            return ("mute", until?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "off");
        });

    /// <summary>A change outside the lifecycle table: the rule gives the change to make, or null when there is none.</summary>
    private ActionResult Change(long incidentId, Actor actor, Role minimum, Func<Incident, Func<(string Action, string Comment)>?> rule) =>
        db.Write(_ =>
        {
            var incident = db.Read(s => s.Incidents.Get(incidentId));
            if (incident is null)
            {
                return new ActionResult(ActionOutcome.UnknownIncident, null);
            }

            if (actor.Role < minimum)
            {
                return new ActionResult(ActionOutcome.Forbidden, incident);
            }

            if (rule(incident) is not { } change)
            {
                return new ActionResult(ActionOutcome.Unchanged, incident);
            }

            var (action, comment) = change();
            var entry = Entry(time.GetUtcNow(), actor, action, incident.Status, incident.Status, comment);
            Save(incident, entry);
            events.Changed(incident, entry);
            return new ActionResult(ActionOutcome.Done, incident);
        });

    /// <summary>The bot escalates one level by itself (missed deadline, worsening); no-op at the top level.</summary>
    internal void EscalateAutomatically(Incident incident, string reason, bool straightToLeadership)
    {
        if (incident.EscalationLevel >= LeadershipLevel || !Lifecycle.IsOpen(incident.Status))
        {
            return;
        }

        var entry = Entry(time.GetUtcNow(), Actor.Bot, "escalate", incident.Status, incident.Status, reason);
        incident.EscalationLevel = straightToLeadership ? LeadershipLevel : NextLevel(incident);
        entry.Level = incident.EscalationLevel;
        Save(incident, entry);
        events.Escalated(incident, entry);
    }

    /// <summary>
    /// A new appearance of a story that already has an incident (found by the story matcher). During a resolved
    /// incident's watch period it re-notifies the owner (再次出现). Call inside a write.
    /// </summary>
    public void AddAppearance(Incident incident, NewAppearance appearance)
    {
        incident.Appearances.Add(AppearanceOf(appearance));
        incident.StorySeq = Math.Max(incident.StorySeq, appearance.StorySeq ?? 0);
        incident.Keywords = incident.Keywords.Union(appearance.Matches.SelectMany(m => m.Keywords), StringComparer.OrdinalIgnoreCase).ToList();
        incident.Topics = incident.Topics.Union(appearance.Matches.Select(m => m.Topic)).ToList();
        incident.Rebuttals = incident.Rebuttals.Union(appearance.Rebuttals).ToList();
        if (appearance.Negative && !incident.Negative)
        {
            incident.Negative = true;
            incident.NegativeScore = appearance.NegativeScore;
            incident.NegativeWords = appearance.NegativeWords.ToList();
        }

        if (appearance.Item.Published is { } published && (incident.Published is null || published < incident.Published))
        {
            incident.Published = published;
        }

        var reappeared = incident.Status == IncidentStatus.Resolved && incident.WatchUntil > appearance.Discovered;
        // The audit trail names what was merged and where, so a wrong merge can be seen and undone.
        var entry = Entry(appearance.Discovered, Actor.Bot, reappeared ? "reappeared" : "appeared", incident.Status, incident.Status,
            Text.Strings.MergedItem(appearance.SourceName, appearance.Item.Title, appearance.Item.Url));
        entry.Link = appearance.Item.Url;
        Save(incident, entry);
        events.Changed(incident, entry);
        if (reappeared)
        {
            events.Reminded(incident, new Reminder(ReminderKind.Reappeared, Detail: appearance.SourceName));
        }
    }

    /// <summary>
    /// The story got worse (more sources, higher grade). Always a notice (a reply under the card) to whoever holds it,
    /// or to the team and the on-duty officer; an incident someone holds, or one whose new grade calls for it, goes to
    /// the leadership group at once, saying what changed; one already there gets the notice there too. A grade never
    /// goes down by itself. Call inside a write.
    /// </summary>
    public void Worsen(Incident incident, string whatChanged, Grade? newGrade = null, string? gradeReason = null)
    {
        if (newGrade is { } grade && grade > incident.Grade)
        {
            incident.Grade = grade;
            incident.GradeReason = gradeReason ?? incident.GradeReason;
        }

        var entry = Entry(time.GetUtcNow(), Actor.Bot, "worsened", incident.Status, incident.Status, whatChanged);
        Save(incident, entry);
        var held = incident.Status is IncidentStatus.Claimed or IncidentStatus.Reported or IncidentStatus.Handling;
        int? escalatedTo = null;
        if ((held || CallsForLeadership(incident.Grade)) && incident.EscalationLevel < LeadershipLevel && Lifecycle.IsOpen(incident.Status))
        {
            EscalateAutomatically(incident, whatChanged, straightToLeadership: true);
            escalatedTo = incident.EscalationLevel;
        }

        // Sent after the escalation, so the notice can say truthfully whether the leadership group knows.
        events.Reminded(incident, new Reminder(ReminderKind.Worsened, Detail: whatChanged, EscalatedTo: escalatedTo));
    }

    /// <summary>Whether an incident of this grade goes to the leadership group at once (<see cref="EscalationOptions.NotifyLeadershipFrom"/>).</summary>
    public bool CallsForLeadership(Grade grade) => grade >= escalation.CurrentValue.NotifyLeadershipFrom;

    /// <summary>One level up; a department without a lead (or none at all) has no level 1, so straight to leadership.</summary>
    private int NextLevel(Incident incident) =>
        incident.EscalationLevel == 0 && departments.Find(incident.Department) is { Lead: not 0 } ? 1 : LeadershipLevel;

    /// <summary>The escalation reason recorded when the grade alone sends an incident up (see <c>Strings.EscalationReason</c>).</summary>
    public static string GradeEscalationReason(Grade grade) => grade == Grade.Major ? "grade-major" : "grade-larger";

    /// <summary>
    /// Records that a contact sheet (网络舆情抄告单) went to a department, in the audit trail. Call inside a write, with the
    /// messages that deliver it.
    /// </summary>
    public ActionResult RecordNotice(long incidentId, Actor actor, string department) =>
        Change(incidentId, actor, Role.Officer, _ => () => ("notice", department));

    // What the trail needs to say the change in words later: to whom, which level, which outcome.
    private static void Describe(AuditEntry entry, Incident incident, IncidentAction action)
    {
        switch (action)
        {
            case IncidentAction.Assign:
                entry.AssigneeId = incident.AssigneeId;
                entry.Department = incident.Department;
                break;
            case IncidentAction.Escalate:
                entry.Level = incident.EscalationLevel;
                break;
            case IncidentAction.Resolve:
                entry.Outcome = incident.Outcome;
                break;
        }
    }

    internal void Save(Incident incident, AuditEntry entry)
    {
        incident.Audit.Add(entry);
        incident.Version++;
        db.Write(s => s.Incidents.Save(incident));
    }

    internal static AuditEntry Entry(DateTimeOffset at, Actor actor, string action, IncidentStatus from, IncidentStatus to, string? comment) =>
        new() { At = at, ActorId = actor.Id, ActorName = actor.Name, Action = action, From = from, To = to, Comment = comment };

    private static Appearance AppearanceOf(NewAppearance appearance) => new()
    {
        Url = appearance.Item.Url,
        Title = appearance.Item.Title,
        SourceName = appearance.SourceName,
        Published = appearance.Item.Published,
        Discovered = appearance.Discovered,
        Fingerprint = appearance.Fingerprint,
        Weight = appearance.Weight,
        Replies = appearance.Item.Replies,
        Views = appearance.Item.Views,
        Node = appearance.Node,
        StorySeq = appearance.StorySeq,
    };

    private void ApplyEffects(Incident incident, IncidentAction action, Actor actor, IncidentStatus next,
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
                incident.AssigneeId = assigneeId ?? incident.AssigneeId;
                incident.ClaimedAt ??= now;
                break;
            case IncidentAction.Report:
                incident.ReportedAt ??= now;
                break;
            case IncidentAction.Escalate:
                incident.EscalationLevel = NextLevel(incident);
                break;
            case IncidentAction.Resolve:
                // Whoever resolves an incident nobody holds (e.g. after a send-back) is the one who handled it.
                incident.AssigneeId ??= actor.Id == Actor.Bot.Id ? null : actor.Id;
                incident.ResolvedAt = now;
                incident.Outcome = outcome ?? incident.Outcome ?? HandlingOutcome.Other;
                incident.WatchUntil = now + deadlines.CurrentValue.WatchPeriod;
                break;
            case IncidentAction.Close:
            case IncidentAction.FalseAlarm:
                incident.ClosedAt = now;
                incident.WatchUntil = null;
                break;
            case IncidentAction.SendBack:
                incident.AssigneeId = null;
                break;
            case IncidentAction.Reopen:
                incident.ResolvedAt = null;
                incident.ClosedAt = null;
                incident.WatchUntil = null;
                break;
        }
    }
}
