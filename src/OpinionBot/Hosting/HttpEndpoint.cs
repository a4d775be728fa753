using System.Net;

namespace OpinionBot.Hosting;

/// <summary>
/// A small HTTP listener (the runtime's <see cref="HttpListener"/>, so the worker needs no ASP.NET Core) that serves
/// one request at a time until stopped. Used by the health/metrics endpoint and the webhook.
/// </summary>
public sealed class HttpEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, CancellationToken, Task> _handle;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    private HttpEndpoint(string prefix, Func<HttpListenerContext, CancellationToken, Task> handle, ILogger logger)
    {
        _listener.Prefixes.Add(prefix);
        _handle = handle;
        _logger = logger;
        Prefix = prefix;
    }

    public string Prefix { get; }

    /// <summary>Turns <c>127.0.0.1:9464</c>, <c>http://[::1]:8443/</c> or <c>*:8443</c> into a listener prefix.</summary>
    public static string PrefixOf(string listen)
    {
        var address = listen.Trim();
        if (!address.Contains("://", StringComparison.Ordinal))
        {
            address = "http://" + address;
        }

        return address.EndsWith('/') ? address : address + "/";
    }

    /// <summary>An address with a port that <see cref="HttpListener"/> accepts (a wildcard host counts).</summary>
    public static bool IsValid(string? listen)
    {
        if (string.IsNullOrWhiteSpace(listen))
        {
            return false;
        }

        var prefix = PrefixOf(listen).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        return Uri.TryCreate(prefix, UriKind.Absolute, out var uri) && uri.Scheme == "http" &&
               System.Text.RegularExpressions.Regex.IsMatch(prefix, @"^http://[^/]+:\d{1,5}/$");
    }

    /// <summary>Starts listening at once (so a busy port fails the start) and serves in the background.</summary>
    public static HttpEndpoint Start(string listen, Func<HttpListenerContext, CancellationToken, Task> handle, ILogger logger)
    {
        var endpoint = new HttpEndpoint(PrefixOf(listen), handle, logger);
        endpoint._listener.Start();
        endpoint._loop = Task.Run(endpoint.ServeAsync);
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        finally
        {
            _listener.Close();
            _stopping.Dispose();
        }
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                _logger.LogWarning(ex, "HTTP listener {Prefix} failed to accept a request", Prefix);
                continue;
            }

            try
            {
                await _handle(context, _stopping.Token);
            }
            catch (Exception ex)
            {
                // One bad request must never stop the listener.
                _logger.LogError(ex, "HTTP request {Path} on {Prefix} failed", context.Request.Url?.AbsolutePath, Prefix);
                TryAnswer(context.Response, 500);
            }
            finally
            {
                try
                {
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    // The client went away.
                }
            }
        }
    }

    private static void TryAnswer(HttpListenerResponse response, int status)
    {
        try
        {
            response.StatusCode = status;
        }
        catch (InvalidOperationException)
        {
            // Headers already sent.
        }
    }

    /// <summary>Writes a short text answer.</summary>
    public static async Task AnswerAsync(HttpListenerResponse response, int status, string contentType, string body, CancellationToken cancellationToken)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, cancellationToken);
    }
}
