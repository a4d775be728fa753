using System.Text;
using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>
/// Webhook mode, as Telegram does it: after setWebhook, queued updates are POSTed one at a time to the URL with the
/// secret token header, and resent until the bot answers 2xx; getUpdates is refused (409) until deleteWebhook.
/// </summary>
public sealed partial class FakeBotApi
{
    private readonly Lock webhookGate = new();
    private readonly List<WebhookDelivery> webhookDeliveries = [];
    private CancellationTokenSource? webhookPushing;

    /// <summary>The URL given to setWebhook, or null when none is set.</summary>
    public string? WebhookUrl { get; private set; }

    /// <summary>The secret_token given to setWebhook.</summary>
    public string? WebhookSecret { get; private set; }

    /// <summary>Every POST the fake made to the webhook, with the bot's answer.</summary>
    public IReadOnlyList<WebhookDelivery> WebhookDeliveries
    {
        get
        {
            lock (webhookGate)
            {
                return [.. webhookDeliveries];
            }
        }
    }

    /// <summary>POSTs any body to the webhook as a stranger might: with this secret header (or none); returns the status.</summary>
    public async Task<int> PostToWebhookAsync(string body, string? secret, CancellationToken cancellationToken = default)
    {
        var url = WebhookUrl ?? throw new InvalidOperationException("No webhook is set.");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>setWebhook, deleteWebhook and getUpdates-while-a-webhook-is-set; null for every other call.</summary>
    private BotApiReply? WebhookCall(BotApiCall call)
    {
        switch (call.Method.ToLowerInvariant())
        {
            case "setwebhook":
                var url = call.Parameters.Text("url");
                if (string.IsNullOrEmpty(url))
                {
                    return BotApiReply.BadRequest("bad webhook: URL must not be empty");
                }

                StopPushing();
                lock (webhookGate)
                {
                    WebhookUrl = url;
                    WebhookSecret = call.Parameters.Text("secret_token");
                    webhookPushing = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                    var token = webhookPushing.Token;
                    _ = Task.Run(() => PushAsync(url, WebhookSecret, token), CancellationToken.None);
                }

                return BotApiReply.Ok(true);
            case "deletewebhook":
                StopPushing();
                return BotApiReply.Ok(true);
            case "getupdates" when WebhookUrl is not null:
                return BotApiReply.Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            default:
                return null;
        }
    }

    private void StopPushing()
    {
        lock (webhookGate)
        {
            webhookPushing?.Cancel();
            webhookPushing?.Dispose();
            webhookPushing = null;
            WebhookUrl = null;
            WebhookSecret = null;
        }
    }

    private async Task PushAsync(string url, string? secret, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        long offset = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var batch = JsonNode.Parse(await updates.TakeAsync(offset, 1, 1, cancellationToken)) as JsonArray ?? [];
                foreach (var update in batch.OfType<JsonObject>())
                {
                    var id = update["update_id"]!.GetValue<int>();
                    using var request = new HttpRequestMessage(HttpMethod.Post, url)
                    {
                        Content = new StringContent(update.ToJsonString(BotApiReply.JsonOptions), Encoding.UTF8, "application/json"),
                    };
                    if (secret is not null)
                    {
                        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
                    }

                    using var response = await http.SendAsync(request, cancellationToken);
                    lock (webhookGate)
                    {
                        webhookDeliveries.Add(new WebhookDelivery(id, (int)response.StatusCode));
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        offset = id + 1; // confirmed: the next take drops it
                    }
                    else
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                // Telegram keeps retrying an unreachable webhook; so does the fake.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

/// <summary>One POST of an update to the bot's webhook and the status the bot answered.</summary>
public sealed record WebhookDelivery(int UpdateId, int Status);
