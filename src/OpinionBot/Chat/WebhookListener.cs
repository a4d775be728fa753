using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Monitoring;
using OpinionBot.Settings;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace OpinionBot.Chat;

/// <summary>
/// Webhook mode (<c>Telegram:Webhook:Url</c>): registers the webhook with Telegram and takes the updates it posts.
/// Every request must carry the secret token, or it is refused (401) and nothing is handled. Updates go to the same
/// router as long polling, one at a time, so the stored last update id keeps handling exactly-once when Telegram
/// retries. A body that is not an update is logged and acknowledged, so Telegram does not resend it forever.
/// </summary>
public sealed class WebhookListener(
    ITelegramBotClient bot,
    UpdateIntake intake,
    TelegramPulse pulse,
    BotMetrics metrics,
    IOptions<WebhookOptions> options,
    ILogger<WebhookListener> logger) : IHostedService, IAsyncDisposable
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private const int MaxBody = 1 << 20;

    private readonly CancellationTokenSource _stopping = new();
    private HttpEndpoint? _endpoint;
    private Task _registering = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var path = new Uri(settings.Url!).AbsolutePath.TrimStart('/');
        if (path.Length > 0 && !path.EndsWith('/'))
        {
            path += "/";
        }

        _endpoint = HttpEndpoint.Start(HttpEndpoint.PrefixOf(settings.Listen) + path, HandleAsync, logger);
        logger.LogInformation("Webhook listening on {Prefix} for {Url}", _endpoint.Prefix, settings.Url);
        _registering = Task.Run(() => RegisterAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _registering;
        if (_endpoint is { } endpoint)
        {
            await endpoint.DisposeAsync();
        }

        _stopping.Dispose();
    }

    /// <summary>setWebhook until Telegram accepts it; the listener already runs, so nothing posted meanwhile is lost.</summary>
    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                // One connection: updates arrive in order, and a retried one is recognised by its id.
                await bot.SetWebhook(settings.Url!, maxConnections: 1, allowedUpdates: RawUpdates.Wanted, dropPendingUpdates: false,
                    secretToken: settings.SecretToken, cancellationToken: cancellationToken);
                logger.LogInformation("Webhook set to {Url}", settings.Url);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(attempt, 6))));
                logger.LogWarning(ex, "setWebhook failed; retrying in {Seconds}s", wait.TotalSeconds);
                await Task.Delay(wait, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var response = context.Response;
        if (!IsAuthentic(request.Headers[SecretHeader]))
        {
            metrics.WebhookRequests.WithLabels("unauthorized").Inc();
            logger.LogWarning("Webhook request from {Remote} without the right secret token refused", request.RemoteEndPoint);
            await HttpEndpoint.AnswerAsync(response, 401, "text/plain", "unauthorized\n", cancellationToken);
            return;
        }

        if (request.HttpMethod != "POST")
        {
            await HttpEndpoint.AnswerAsync(response, 405, "text/plain", "POST only\n", cancellationToken);
            return;
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        pulse.UpdatesReceived();
        // The same reading as polling: an update that cannot be read or handled is logged, skipped and acknowledged.
        var handled = body is not null && await intake.HandleAsync(body, cancellationToken) is not null;
        metrics.WebhookRequests.WithLabels(handled ? "handled" : "malformed").Inc();

        await HttpEndpoint.AnswerAsync(response, 200, "application/json", "{}", cancellationToken);
    }

    private async Task<string?> ReadBodyAsync(HttpListenerRequest request, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.InputStream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxBody)
            {
                logger.LogWarning("Webhook body over {Bytes} bytes ignored", MaxBody);
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
    }

    private bool IsAuthentic(string? token)
    {
        var expected = Encoding.UTF8.GetBytes(options.Value.SecretToken);
        return token is not null && expected.Length > 0 &&
               CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), expected);
    }
}
