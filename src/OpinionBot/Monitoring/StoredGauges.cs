using OpinionBot.Storage;

namespace OpinionBot.Monitoring;

/// <summary>
/// Metrics read from the database when Prometheus scrapes: the outbox backlog and its oldest message, deadlines met and
/// missed, and the delivery latency of messages delivered since the previous scrape. Reading them here keeps the
/// outbox sender and the deadline watch free of metrics code.
/// </summary>
public sealed class StoredGauges(OpinionDatabase db, BotMetrics metrics, TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _deliveredWatermark = time.GetUtcNow();

    public void Refresh()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var since = _deliveredWatermark;
            var (backlog, oldest, met, missed, delivered) = db.Read(_ =>
            {
                var pending = db.Read(s => s.Outbox.WaitingEntries().Select(m => m.CreatedAt).ToList());
                var (deadlinesMet, overdue) = db.Read(s => s.Incidents.DeadlineTally());
                var fresh = db.Read(s => s.Outbox.DeliveredAfter(since).Where(m => !m.Failed)
                    .Select(m => (m.CreatedAt, DeliveredAt: m.DeliveredAt!.Value)).ToList());
                return (pending.Count, pending.Count == 0 ? (DateTimeOffset?)null : pending.Min(), deadlinesMet, overdue, fresh);
            });

            metrics.OutboxBacklog.Set(backlog);
            metrics.OutboxOldestAge.Set(oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0);
            metrics.Deadlines.WithLabels("met").Set(met);
            metrics.Deadlines.WithLabels("missed").Set(missed);
            foreach (var (created, deliveredAt) in delivered)
            {
                metrics.OutboxDelivered.Observe(Math.Max(0, (deliveredAt - created).TotalSeconds));
                if (deliveredAt > _deliveredWatermark)
                {
                    _deliveredWatermark = deliveredAt;
                }
            }
        }
    }
}
