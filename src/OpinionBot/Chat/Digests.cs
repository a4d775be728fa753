using OpinionBot.Incidents;
using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>
/// Folds the new-incident cards a flooded chat could not take (and the cards of overdue incidents escalated to it, which
/// the digest counts apart) into one digest card, in one transaction: the digest is queued, the folded cards are settled
/// as delivered (noted "in digest N"), and their placements in that chat removed, so the incident has no card there
/// until someone opens it from the digest (or with <c>/incident N</c>).
/// </summary>
public sealed class Digests(OpinionDatabase db, Outbox outbox, ChatLanguages languages, TimeProvider time)
{
    /// <summary>
    /// The most cards one digest folds, oldest first; the rest go in the next digest, at once. High enough that a storm
    /// of a thousand new incidents a minute for one chat is one digest a minute: at 200 a breaking story's 2,000 a minute
    /// took 10 of the chat's 16 ordinary slots a minute, and with anything else queued the chat fell further behind every
    /// minute. Bounded because settling them is one transaction, whose changed pages LiteDB holds in memory (and then
    /// keeps in its page cache): 10,000 at once after an outage cost tens of MB for good.
    /// </summary>
    public const int MaxFolded = 1000;

    /// <summary>Digests older than this can no longer be paged or opened (the cards stay reachable with /incident).</summary>
    private static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    /// <summary>
    /// Folds <paramref name="cards"/> of one chat; returns every waiting message it settled, edits of them included. The
    /// messages are read and settled as stored (one settled meanwhile is left as it is).
    /// </summary>
    public IReadOnlyList<OutboxEntry> Fold(long chatId, IReadOnlyList<OutboxEntry> cards, IReadOnlyList<OutboxEntry> waiting)
    {
        var now = time.GetUtcNow();
        return db.Write(s =>
        {
            var incidents = DigestCard.Order(cards.Select(c => c.IncidentId is { } id ? db.Read(s => s.Incidents.Get(id)) : null).OfType<Incident>());
            var escalated = cards.Where(c => c.Escalated == true).Select(c => c.IncidentId).OfType<long>().ToHashSet();
            var digest = new DigestRecord
            {
                ChatId = chatId,
                IncidentIds = incidents.Select(i => i.Id).ToList(),
                EscalatedIds = incidents.Where(i => escalated.Contains(i.Id)).Select(i => i.Id).ToList(),
                CreatedAt = now,
            };
            s.Digests.Add(digest);
            var (html, buttons) = DigestCard.Render(digest, incidents, languages.For(chatId), page: 0);
            outbox.Send(chatId, html, buttons);

            var folded = cards.Select(c => c.IncidentId).OfType<long>().ToHashSet();
            // An edit of a folded card has no card to edit any more; the digest shows the incident as it is now.
            var settled = cards.Concat(waiting.Where(m => m.Kind == OutboxKind.EditCard && m.IncidentId is { } id && folded.Contains(id))).ToList();
            outbox.SettleFolded(settled, $"in digest {digest.Id}");

            foreach (var incidentId in folded)
            {
                if (s.Cards.Find(incidentId, chatId) is { MessageId: 0 })
                {
                    s.Cards.Remove(incidentId, chatId);
                }
            }

            s.Digests.ForgetCreatedBefore(now - Keep);
            return settled;
        });
    }
}
