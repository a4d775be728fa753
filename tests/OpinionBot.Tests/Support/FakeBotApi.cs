using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telegram.Bot;

namespace OpinionBot.Tests.Support;

/// <summary>
/// A fake Telegram Bot API server on 127.0.0.1 that the real Telegram.Bot client talks to over HTTP. It keeps chats,
/// messages, long-polled updates and callback queries, answers with Telegram's JSON and error texts, records every
/// call, and can be told to fail. Thread-safe; start one per test with <see cref="StartAsync"/>.
/// </summary>
public sealed partial class FakeBotApi : IAsyncDisposable
{
    public const string DefaultToken = "123456:TEST-TOKEN";

    private readonly CancellationTokenSource stopping = new();
    private readonly BotApiState state;
    private readonly BotApiMethods methods;
    private readonly UpdateQueue updates = new();
    private readonly FaultPlan faults = new();
    private readonly RateLimits limits;
    private LoopbackServer? server;

    private FakeBotApi(string token, TimeProvider time)
    {
        Token = token;
        state = new BotApiState(new TelegramBotClientOptions(token).BotId, time);
        methods = new BotApiMethods(state);
        limits = new RateLimits(time);
    }

    /// <summary>How long a successful call (other than getUpdates) waits, after taking effect, before it answers.</summary>
    public TimeSpan ReplyDelay { get; set; }

    /// <summary>The token the fake accepts; any other token gets 401 Unauthorized, as from Telegram.</summary>
    public string Token { get; }

    /// <summary>"http://127.0.0.1:PORT": pass it as the baseUrl of <see cref="TelegramBotClientOptions"/>.</summary>
    public string BaseUrl => server?.BaseUrl ?? throw new InvalidOperationException("The fake Bot API is not started.");

    /// <summary>The bot's user id (the number before ':' in the token) and username.</summary>
    public long BotUserId => state.BotId;

    public string BotUsername => state.BotUsername;

    /// <param name="time">Clock for message and update dates; long-poll timeouts always use real time.</param>
    public static async Task<FakeBotApi> StartAsync(
        string token = DefaultToken, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var api = new FakeBotApi(token, time ?? TimeProvider.System);
        api.server = await LoopbackServer.StartAsync(api.HandleAsync, cancellationToken);
        return api;
    }

    /// <summary>Client options pointing at this fake. RetryThreshold 0 turns off the client's own 429 retries.</summary>
    public TelegramBotClientOptions ClientOptions(int retryThreshold = 60) =>
        new(Token, BaseUrl) { RetryThreshold = retryThreshold };

    public async ValueTask DisposeAsync()
    {
        // Parked getUpdates calls end at once with an empty list, so Kestrel stops without waiting for them.
        await stopping.CancelAsync();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        var cancellationToken = linked.Token;
        BotApiCall? call = null;
        BotApiReply reply;
        try
        {
            call = await BotApiCall.ReadAsync(context.Request, cancellationToken);
            reply = call is null ? BotApiReply.Error(404, "Not Found")
                : call.Token != Token ? BotApiReply.Error(401, "Unauthorized")
                : faults.Take(call.Method) ?? limits.Take(call) ?? await InvokeAsync(call, cancellationToken);
        }
        catch (JsonException)
        {
            reply = BotApiReply.BadRequest("can't parse JSON");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or FormatException or IOException)
        {
            // A bug in the fake should show up in the test's failure dump, not vanish into a silent Kestrel 500.
            reply = BotApiReply.Error(500, "Internal Server Error: the fake Bot API failed: " + error);
        }

        Record(call, reply);
        if (ReplyDelay > TimeSpan.Zero && call is not null && reply.Status == 200 && call.Method != "getUpdates")
        {
            // The call took effect; the answer is late. A client that dies now never learns it succeeded.
            await Task.Delay(ReplyDelay, CancellationToken.None);
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        try
        {
            // Not the linked token: a poll ended by shutdown must still deliver its empty answer.
            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (timeout or cancellation) before the answer was written.
        }
    }

    private async Task<BotApiReply> InvokeAsync(BotApiCall call, CancellationToken cancellationToken)
    {
        if (WebhookCall(call) is { } webhookReply)
        {
            return webhookReply;
        }

        if (!string.Equals(call.Method, "getUpdates", StringComparison.OrdinalIgnoreCase))
        {
            return methods.Invoke(call);
        }

        var parameters = call.Parameters;
        var result = await updates.TakeAsync(
            parameters.Long("offset") ?? 0,
            (int)Math.Clamp(parameters.Long("limit") ?? 100, 0, 100),
            (int)Math.Clamp(parameters.Long("timeout") ?? 0, 0, 3600),
            cancellationToken);
        return BotApiReply.OkRaw(result);
    }

    private void Record(BotApiCall? call, BotApiReply reply)
    {
        var method = call?.Method ?? "(not a method path)";
        var parameters = call is null
            ? JsonSerializer.SerializeToElement(new { })
            : JsonSerializer.SerializeToElement(call.Parameters, BotApiReply.JsonOptions);
        var files = call?.Files ?? new Dictionary<string, (string, byte[])>();
        lock (state.Gate)
        {
            state.Requests.Add(new RecordedRequest(
                method, call?.Parameters.Long("chat_id"), parameters, files, reply.Status, state.Time.GetUtcNow()));
        }
    }
}
