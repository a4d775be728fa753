namespace OpinionBot.Monitoring;

/// <summary>
/// The optional health and metrics listener (<c>Monitoring</c>). Off unless <see cref="Listen"/> is set; meant for a
/// loopback address that a local Prometheus, a load balancer's probe or <c>curl</c> reaches.
/// </summary>
public sealed class MonitoringEndpointOptions
{
    public const string Section = "Monitoring";

    /// <summary>Address and port to serve <c>/healthz</c> and <c>/metrics</c> on, e.g. <c>127.0.0.1:9464</c>; empty: off.</summary>
    public string? Listen { get; set; }

    /// <summary>Unhealthy when the last successful getUpdates is older than this (polling mode only).</summary>
    public TimeSpan TelegramQuietAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Unhealthy when the oldest undelivered outbox message waits longer than this.</summary>
    public TimeSpan OutboxStaleAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A source whose check is overdue by more than this counts as late (the scheduler is not keeping up).</summary>
    public TimeSpan SourceLateAfter { get; set; } = TimeSpan.FromMinutes(5);
}
