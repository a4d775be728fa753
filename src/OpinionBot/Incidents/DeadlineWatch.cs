using Microsoft.Extensions.Options;
using OpinionBot.Storage;

namespace OpinionBot.Incidents;

/// <summary>
/// Enforces the deadlines on every tick (once a minute): reminders at half time and shortly before, overdue marking with
/// automatic escalation, progress reminders for 重大 incidents, and closing resolved incidents whose watch period passed
/// quietly. A missed deadline climbs the chain one level per <see cref="EscalationOptions.RepeatEvery"/>, and at the top
/// the notice repeats at that interval until the deadline is met, the incident is closed or muted. Each step is recorded
/// on the incident, so a restart or a second tick never repeats one (and a long outage sends one catch-up, not a burst).
/// </summary>
public sealed class DeadlineWatch(OpinionDatabase db, IncidentService incidents, IIncidentEvents events,
    IOptionsMonitor<DeadlineOptions> options, IOptionsMonitor<EscalationOptions> escalation, TimeProvider time,
    ILogger<DeadlineWatch> logger)
{
    // Open incidents have deadlines; resolved ones are watched until they close (closed ones and false alarms are not).
    private static bool Watched(Incident incident) => incident.Status is not (IncidentStatus.Closed or IncidentStatus.FalseAlarm);

    /// <summary>Runs every due step; returns how many steps were taken.</summary>
    public int Tick()
    {
        var now = time.GetUtcNow();
        var steps = 0;
        // Ids only, from the register of unclosed incidents: the incidents are read whole one batch at a time below, not
        // all at once (10,000 open ones would be held, with their LiteDB pages, for the whole read).
        var candidates = db.Read(s => s.Incidents.WatchedIds());
        // A batch of incidents per transaction: thousands of open incidents cost a few commits a minute, not thousands.
        // A batch that fails is retried one incident at a time, so one bad incident cannot hold back the others.
        foreach (var batch in candidates.Chunk(BatchSize))
        {
            try
            {
                steps += db.Write(s => batch.Sum(id => s.Incidents.Get(id) is { } incident && Watched(incident) ? Step(incident, now) : 0));
            }
            catch (Exception ex) when (batch.Length > 1 && ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A batch of {Count} incidents failed its deadline steps; retrying them one at a time", batch.Length);
                foreach (var id in batch)
                {
                    steps += db.Write(s => s.Incidents.Get(id) is { } incident && Watched(incident) ? Step(incident, now) : 0);
                }
            }
        }

        return steps;
    }

    private const int BatchSize = 200;

    private int Step(Incident incident, DateTimeOffset now)
    {
        var settings = options.CurrentValue;
        if (incident.Status == IncidentStatus.Resolved)
        {
            if (incident.WatchUntil is { } until && until <= now)
            {
                incidents.Apply(incident.Id, IncidentAction.Close, Actor.Bot, comment: "watch period passed quietly");
                return 1;
            }

            return 0;
        }

        var taken = 0;
        if (ReportDeadline.Current(incident, settings) is { } deadline)
        {
            taken += DeadlineSteps(incident, deadline.Kind, deadline.Due, now, settings);
        }

        if (incident.Grade == Grade.Major && settings.MajorProgressEvery > TimeSpan.Zero)
        {
            var round = (int)((now - incident.Discovered) / settings.MajorProgressEvery);
            if (round >= 1 && Mark(incident, $"progress-{round}"))
            {
                Remind(incident, new Reminder(ReminderKind.Progress), now);
                taken++;
            }
        }

        return taken;
    }

    private int DeadlineSteps(Incident incident, DeadlineKind kind, DateTimeOffset due, DateTimeOffset now, DeadlineOptions settings)
    {
        var key = kind.ToString().ToLowerInvariant();
        if (now >= due)
        {
            return OverdueSteps(incident, kind, key, due, now);
        }

        var start = incident.Discovered;
        if (now >= due - settings.FinalReminder && Mark(incident, $"{key}-final"))
        {
            // The final reminder makes the half-time one pointless: marked as done, but not logged as sent.
            if (!incident.DeadlineSteps.Contains($"{key}-half"))
            {
                incident.DeadlineSteps.Add($"{key}-half");
            }
            Remind(incident, new Reminder(ReminderKind.Final, kind, due), now);
            return 1;
        }

        if (now >= start + ((due - start) / 2) && Mark(incident, $"{key}-half"))
        {
            Remind(incident, new Reminder(ReminderKind.HalfTime, kind, due), now);
            return 1;
        }

        return 0;
    }

    private int OverdueSteps(Incident incident, DeadlineKind kind, string key, DateTimeOffset due, DateTimeOffset now)
    {
        var reason = kind == DeadlineKind.Claim ? "overdue-claim" : "overdue-report";
        if (Mark(incident, $"{key}-overdue"))
        {
            incident.Overdue = true;
            var escalatedTo = Escalate(incident, reason);
            events.Reminded(incident, new Reminder(ReminderKind.Overdue, kind, due, EscalatedTo: escalatedTo));
            Save(incident);
            return 1;
        }

        var every = escalation.CurrentValue.RepeatEvery;
        var round = every > TimeSpan.Zero ? (int)((now - due) / every) : 0;
        if (round < 1 || !Mark(incident, $"{key}-chain-{round}"))
        {
            return 0;
        }

        // Nobody acted for another period: one more level up, or at the top the notice again (a mute silences only that).
        if (Escalate(incident, reason) is null)
        {
            Remind(incident, new Reminder(ReminderKind.StillOverdue, kind, due, Round: round), now);
        }
        else
        {
            Save(incident);
        }

        return 1;
    }

    /// <summary>Escalates one level if there is one; returns the level reached, or null when nothing was escalated.</summary>
    private int? Escalate(Incident incident, string reason)
    {
        var before = incident.EscalationLevel;
        incidents.EscalateAutomatically(incident, reason, straightToLeadership: false);
        return incident.EscalationLevel > before ? incident.EscalationLevel : null;
    }

    private void Remind(Incident incident, Reminder reminder, DateTimeOffset now)
    {
        Save(incident);
        if (incident.MutedUntil is not { } muted || muted <= now)
        {
            events.Reminded(incident, reminder);
        }
    }

    private bool Mark(Incident incident, string step)
    {
        if (incident.DeadlineSteps.Contains(step))
        {
            return false;
        }

        incident.DeadlineSteps.Add(step);
        incident.ReminderLog.Add(new ReminderLogEntry { At = time.GetUtcNow(), Step = step });
        return true;
    }

    private void Save(Incident incident)
    {
        // Only the step record changed, and cards do not carry it, so the version stays and open cards stay valid.
        db.Write(s => s.Incidents.Save(incident));
    }
}
