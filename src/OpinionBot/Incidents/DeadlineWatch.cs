using Microsoft.Extensions.Options;
using OpinionBot.Storage;

namespace OpinionBot.Incidents;

/// <summary>
/// Enforces the deadlines on every tick (once a minute): reminders at half time and shortly before, overdue marking with
/// automatic escalation, progress reminders for 重大 incidents, and closing resolved incidents whose watch period passed
/// quietly. Each step is recorded on the incident, so a restart or a second tick never repeats one.
/// </summary>
public sealed class DeadlineWatch(OpinionDatabase db, IncidentService incidents, IIncidentEvents events,
    IOptionsMonitor<DeadlineOptions> options, TimeProvider time)
{
    /// <summary>Runs every due step; returns how many steps were taken.</summary>
    public int Tick()
    {
        var now = time.GetUtcNow();
        var steps = 0;
        var candidates = db.Read(() => db.Incidents.Find(i => i.Status != IncidentStatus.Closed && i.Status != IncidentStatus.FalseAlarm)
            .Select(i => i.Id).ToList());
        foreach (var id in candidates)
        {
            steps += db.Write(() => db.Incidents.FindById(id) is { } incident ? Step(incident, now) : 0);
        }

        return steps;
    }

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
            if (!Mark(incident, $"{key}-overdue"))
            {
                return 0;
            }

            incident.Overdue = true;
            events.Reminded(incident, new Reminder(ReminderKind.Overdue, kind, due));
            incidents.EscalateAutomatically(incident, kind == DeadlineKind.Claim ? "overdue-claim" : "overdue-report", straightToLeadership: false);
            Save(incident);
            return 1;
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
        db.Incidents.Update(incident);
    }
}
