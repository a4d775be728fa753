using System.Text;
using Microsoft.Extensions.Options;
using OpinionBot.Incidents;
using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>
/// Folds the deadline reminders (and the worsening notices below 重大, see <see cref="ReminderNote.For"/>) a chat has waiting into one summary when there are more than
/// <see cref="DeliveryOptions.ReminderDigestAbove"/> of them: after an outage, or when many deadlines fall together, one
/// message per reminder would take the chat's whole minute for hours (20 a minute per group) and bury the new incidents.
/// The summary lists the most urgent first (overdue, then almost due), the most serious grade first; each folded reminder
/// is settled as delivered ("in reminder summary"). Like digests, the first waits <see cref="DeliveryOptions.DigestGather"/>
/// for a deadline pass to finish and the next comes no sooner than a <see cref="DeliveryOptions.DigestWindow"/> later.
/// The timing is kept by the sender's loop; a restart counts again from the waiting reminders.
/// </summary>
public sealed class ReminderDigests(OpinionDatabase db, Outbox outbox, ChatLanguages languages, CardRenderer renderer,
    IOptionsMonitor<DeliveryOptions> options, TimeProvider time)
{
    /// <summary>Incidents named in one summary; the rest are counted (a summary stays far under 4,096 characters).</summary>
    public const int Listed = 20;

    /// <summary>The most reminders one summary folds, oldest first; more go in the next one (see <see cref="Digests.MaxFolded"/>).</summary>
    public const int MaxFolded = 500;

    private readonly Dictionary<long, DateTimeOffset> _lastFold = [];

    /// <summary>Whether this many waiting reminders are more than one chat should get one by one.</summary>
    public bool TooMany(int waitingReminders) => waitingReminders > options.CurrentValue.ReminderDigestAbove;

    /// <summary>When the chat's waiting reminders (the oldest queued at <paramref name="oldest"/>) may be folded.</summary>
    public DateTimeOffset FoldDue(long chatId, DateTimeOffset oldest) =>
        ChatStorms.FoldDue(oldest, _lastFold.TryGetValue(chatId, out var last) ? last : null, options.CurrentValue);

    /// <summary>Queues one summary of <paramref name="reminders"/> and settles them, in one transaction; returns them.</summary>
    public IReadOnlyList<OutboxEntry> Fold(long chatId, IReadOnlyList<OutboxEntry> reminders)
    {
        var now = time.GetUtcNow();
        if (reminders.Count < MaxFolded)
        {
            _lastFold[chatId] = now; // a full summary leaves a backlog already gathered: the next may go at once
        }

        return db.Write(s =>
        {
            // One line per incident, for its most urgent reminder.
            var notes = reminders.Select(m => m.Reminder).OfType<ReminderNote>()
                .GroupBy(n => n.IncidentId)
                .Select(g => g.OrderBy(n => Urgency(n.Kind)).ThenBy(n => n.Due ?? DateTimeOffset.MaxValue).First())
                .OrderBy(n => Urgency(n.Kind)).ThenByDescending(n => n.Grade).ThenBy(n => n.Due ?? DateTimeOffset.MaxValue).ThenBy(n => n.IncidentId)
                .ToList();
            var text = languages.For(chatId);
            var html = new StringBuilder(text.ReminderDigestHeading(notes.Count)).Append('\n').Append(text.ReminderDigestWhy).Append('\n');
            foreach (var note in notes.Take(Listed))
            {
                if (s.Incidents.Get(note.IncidentId) is not { } incident)
                {
                    continue;
                }

                var late = note.Due is { } due ? now - due : TimeSpan.Zero;
                html.Append("\n• <b>").Append(incident.Number).Append("</b> ")
                    .Append(note.Kind == ReminderKind.Worsened ? text.ReminderDigestWorsened(CardRenderer.Html(CardRenderer.Shorten(LatestWorsening(incident), 40))) : text.ReminderDigestState(note.Kind, late))
                    .Append(" · ").Append(text.GradeName(incident.Grade))
                    .Append(" · ").Append(CardRenderer.Html(CardRenderer.Shorten(incident.Title, 30)))
                    .Append(" · ").Append(incident.AssigneeId is { } holder ? renderer.Mention(holder) : text.Nobody);
            }

            if (notes.Count > Listed)
            {
                html.Append('\n').Append(text.ReminderDigestMore(notes.Count - Listed));
            }

            outbox.Send(chatId, html.ToString());
            outbox.SettleFolded(reminders, "in reminder summary");

            return reminders;
        });
    }

    // What the last worsening said (a waiting reminder holds no text): the newest step is the one that matters.
    private static string LatestWorsening(Incident incident) =>
        incident.Audit.LastOrDefault(e => e.Action == "worsened")?.Comment ?? "";

    private static int Urgency(ReminderKind kind) => kind switch
    {
        ReminderKind.Overdue or ReminderKind.StillOverdue => 0,
        ReminderKind.Worsened => 1,
        ReminderKind.Final => 2,
        ReminderKind.HalfTime => 3,
        _ => 4,
    };
}
