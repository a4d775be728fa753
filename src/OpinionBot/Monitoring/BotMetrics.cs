using OpinionBot.Incidents;
using Prometheus;

namespace OpinionBot.Monitoring;

/// <summary>
/// The worker's Prometheus metrics. Each host has its own registry (tests run several hosts in one process, and the
/// process-wide default registry would mix them).
/// </summary>
public sealed class BotMetrics
{
    public BotMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        SourceChecks = factory.CreateCounter("opinionbot_source_checks_total", "Source checks by source and outcome (ok, not_modified, failed).",
            new CounterConfiguration { LabelNames = ["source", "outcome"] });
        Items = factory.CreateCounter("opinionbot_source_items_total", "Items read from each source.",
            new CounterConfiguration { LabelNames = ["source"] });
        FetchSeconds = factory.CreateHistogram("opinionbot_source_fetch_seconds", "How long reading a source took, by source kind.",
            new HistogramConfiguration
            {
                LabelNames = ["kind"],
                Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
            });
        IncidentsOpened = factory.CreateCounter("opinionbot_incidents_opened_total", "Incidents opened by grade.",
            new CounterConfiguration { LabelNames = ["grade"] });
        Deadlines = factory.CreateGauge("opinionbot_report_deadlines", "Incidents in the database whose report deadline was met or missed.",
            new GaugeConfiguration { LabelNames = ["outcome"] });
        OutboxBacklog = factory.CreateGauge("opinionbot_outbox_backlog", "Outbox messages not yet delivered.");
        OutboxOldestAge = factory.CreateGauge("opinionbot_outbox_oldest_undelivered_seconds", "Age of the oldest undelivered outbox message (0 when none).");
        OutboxDelivered = factory.CreateHistogram("opinionbot_outbox_delivery_seconds", "From writing an outbox message to Telegram accepting it.",
            new HistogramConfiguration { Buckets = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900] });
        TelegramCalls = factory.CreateCounter("opinionbot_telegram_requests_total", "Bot API calls by method and HTTP status.",
            new CounterConfiguration { LabelNames = ["method", "status"] });
        RateLimited = factory.CreateCounter("opinionbot_telegram_rate_limited_total", "Bot API answers 429 Too Many Requests.");
        LastUpdatesSuccess = factory.CreateGauge("opinionbot_telegram_last_updates_timestamp_seconds",
            "Unix time of the last successful getUpdates (or webhook delivery).");
        WebhookRequests = factory.CreateCounter("opinionbot_webhook_requests_total", "Webhook requests by result (handled, unauthorized, malformed).",
            new CounterConfiguration { LabelNames = ["result"] });
        Backups = factory.CreateCounter("opinionbot_backups_total", "Database backups by outcome (ok, failed).",
            new CounterConfiguration { LabelNames = ["outcome"] });
    }

    public CollectorRegistry Registry { get; }
    public Counter SourceChecks { get; }
    public Counter Items { get; }
    public Histogram FetchSeconds { get; }
    public Counter IncidentsOpened { get; }
    public Gauge Deadlines { get; }
    public Gauge OutboxBacklog { get; }
    public Gauge OutboxOldestAge { get; }
    public Histogram OutboxDelivered { get; }
    public Counter TelegramCalls { get; }
    public Counter RateLimited { get; }
    public Gauge LastUpdatesSuccess { get; }
    public Counter WebhookRequests { get; }
    public Counter Backups { get; }

    public void IncidentOpened(Grade grade) => IncidentsOpened.WithLabels(grade.ToString()).Inc();
}
