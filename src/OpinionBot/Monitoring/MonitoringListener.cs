using System.Net;
using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Settings;
using Prometheus;

namespace OpinionBot.Monitoring;

/// <summary>Serves <c>/healthz</c> (200 or 503 with a short JSON body) and <c>/metrics</c> (Prometheus text) when <c>Monitoring:Listen</c> is set.</summary>
public sealed class MonitoringListener(
    HealthCheck health,
    BotMetrics metrics,
    StoredGauges gauges,
    IOptions<MonitoringEndpointOptions> options,
    ILogger<MonitoringListener> logger) : IHostedService, IAsyncDisposable
{
    private HttpEndpoint? _endpoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Listen))
        {
            return Task.CompletedTask;
        }

        _endpoint = HttpEndpoint.Start(options.Value.Listen, HandleAsync, logger);
        logger.LogInformation("Health and metrics on {Prefix}healthz and {Prefix}metrics", _endpoint.Prefix, _endpoint.Prefix);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_endpoint is { } endpoint)
        {
            _endpoint = null;
            await endpoint.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        switch (context.Request.Url?.AbsolutePath)
        {
            case "/healthz":
                var report = await health.CheckAsync(cancellationToken);
                await HttpEndpoint.AnswerAsync(response, report.Healthy ? 200 : 503, "application/json; charset=utf-8",
                    HealthCheck.ToJson(report), cancellationToken);
                return;
            case "/metrics":
                gauges.Refresh();
                response.StatusCode = 200;
                response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                using (var body = new MemoryStream())
                {
                    await metrics.Registry.CollectAndExportAsTextAsync(body, cancellationToken);
                    response.ContentLength64 = body.Length;
                    body.Position = 0;
                    await body.CopyToAsync(response.OutputStream, cancellationToken);
                }

                return;
            default:
                await HttpEndpoint.AnswerAsync(response, 404, "text/plain", "not found: try /healthz or /metrics\n", cancellationToken);
                return;
        }
    }
}
