using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace OpinionBot.Sources;

/// <summary>
/// The only way OpinionBot reads the web. Every connection is checked by <see cref="AddressGuard"/> on the address it
/// really connects to; redirects are followed by hand so each hop is checked; bodies are capped after decompression;
/// requests to one host are spaced out. Failures are <see cref="FetchException"/>s with a one-line reason.
/// </summary>
public sealed class SafeFetcher : IDisposable
{
    private readonly FetchingOptions _options;
    private readonly AddressGuard _guard;
    private readonly HttpClient _http;
    private readonly HostThrottle _throttle;
    private readonly string? _proxyHost;

    private static readonly TimeSpan ResolveForRefusal = TimeSpan.FromSeconds(3);

    public SafeFetcher(IOptions<FetchingOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _guard = new AddressGuard(_options.AllowList);
        _throttle = new HostThrottle(_options.MaxConcurrencyPerHost, _options.MinIntervalPerHost, time);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = _options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
            ConnectCallback = ConnectAsync,
            UseProxy = false,
        };
        if (!string.IsNullOrWhiteSpace(_options.Proxy) && Uri.TryCreate(_options.Proxy, UriKind.Absolute, out var proxy))
        {
            // The proxy is the operator's own choice; each target's resolved addresses are checked before it is sent there.
            handler.Proxy = new WebProxy(proxy);
            handler.UseProxy = true;
            _proxyHost = proxy.IdnHost;
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public AddressGuard Guard => _guard;

    /// <summary>
    /// Why the address guard would refuse <paramref name="url"/> ("refused: …", the message a fetch gives), judged before
    /// any request: the URL itself, then what its name resolves to. Null when allowed, or when the name cannot be
    /// resolved within a moment now (the first fetch will judge it again, as it judges every connection).
    /// </summary>
    public string? Refusal(Uri url)
    {
        if (_guard.CheckUrl(url) is { } reason)
        {
            return $"refused: {reason}";
        }

        var host = url.IdnHost;
        if (AddressGuard.LiteralAddress(host) is not null || _guard.IsHostAllowed(host))
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            var lookup = Dns.GetHostAddressesAsync(host);
            if (!lookup.Wait(ResolveForRefusal))
            {
                return null;
            }

            addresses = lookup.Result;
        }
        catch (AggregateException)
        {
            return null;
        }

        return addresses.Select(a => _guard.Check(host, a)).FirstOrDefault(r => r is not null) is { } blocked ? $"refused: {blocked}" : null;
    }

    public async Task<FetchResult> FetchAsync(Uri url, FetchValidators? validators, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            return await FollowAsync(url, validators, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException(FetchFailureKind.Timeout, $"no complete answer from {url.Host} within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex) when (Unwrap(ex) is { } inner)
        {
            throw inner;
        }
        catch (HttpRequestException ex)
        {
            throw new FetchException(FetchFailureKind.Network, $"{url.Host}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new FetchException(FetchFailureKind.Network, $"{url.Host}: connection broken ({ex.Message})", ex);
        }
    }

    private async Task<FetchResult> FollowAsync(Uri url, FetchValidators? validators, CancellationToken ct)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (_guard.CheckUrl(current) is { } reason)
            {
                throw new FetchException(FetchFailureKind.Blocked, $"refused: {reason}");
            }

            if (_proxyHost is not null)
            {
                await CheckThroughProxyAsync(current, ct);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.UserAgent.ParseAdd(_options.UserAgent);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,application/feed+json,*/*;q=0.8");
            request.Headers.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9,en;q=0.5");
            if (hop == 0 && validators is not null)
            {
                if (!string.IsNullOrEmpty(validators.ETag))
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", validators.ETag);
                }

                if (!string.IsNullOrEmpty(validators.LastModified))
                {
                    request.Headers.TryAddWithoutValidation("If-Modified-Since", validators.LastModified);
                }
            }

            using var slot = await _throttle.EnterAsync(current.IdnHost, ct);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (hop >= _options.MaxRedirects)
                {
                    throw new FetchException(FetchFailureKind.TooManyRedirects, $"more than {_options.MaxRedirects} redirects from {url}");
                }

                var location = response.Headers.Location ?? throw new FetchException(FetchFailureKind.HttpStatus, $"HTTP {status} without a Location from {current}");
                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            var etag = response.Headers.ETag?.ToString();
            var lastModified = response.Content.Headers.LastModified?.ToString("R");
            if (status == 304)
            {
                return new FetchResult(current, status, [], null, null, etag ?? validators?.ETag, lastModified ?? validators?.LastModified);
            }

            if (status is < 200 or > 299)
            {
                throw new FetchException(FetchFailureKind.HttpStatus, $"HTTP {status} {response.ReasonPhrase} from {current}");
            }

            var body = await ReadCappedAsync(response.Content, ct);
            var type = response.Content.Headers.ContentType;
            return new FetchResult(current, status, body, type?.MediaType, type?.CharSet, etag, lastModified);
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        var cap = _options.MaxResponseBytes;
        if (content.Headers.ContentLength > cap && content.Headers.ContentEncoding.Count == 0)
        {
            throw TooLarge();
        }

        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private FetchException TooLarge() =>
        new(FetchFailureKind.TooLarge, $"the response is larger than {_options.MaxResponseBytes / 1024} KB (Fetching:MaxResponseBytes)");

    /// <summary>
    /// Through a proxy the only connection is to the proxy, so <see cref="ConnectAsync"/> never sees the target: resolve
    /// the target's name here and refuse it if any of its addresses is blocked, before the request is sent.
    /// </summary>
    private async Task CheckThroughProxyAsync(Uri url, CancellationToken ct)
    {
        var host = url.IdnHost;
        if (AddressGuard.LiteralAddress(host) is not null || _guard.IsHostAllowed(host))
        {
            // Literal addresses were judged by CheckUrl; allow-listed names are admitted whatever they resolve to.
            return;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException ex)
        {
            throw new FetchException(FetchFailureKind.Network, $"cannot resolve {host} to check it before using the proxy: {ex.Message}", ex);
        }

        if (addresses.Length == 0)
        {
            throw new FetchException(FetchFailureKind.Blocked, $"refused: {host} has no address");
        }

        foreach (var address in addresses)
        {
            if (_guard.Check(host, address) is { } reason)
            {
                throw new FetchException(FetchFailureKind.Blocked, $"refused: {reason}");
            }
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = AddressGuard.LiteralAddress(host) is { } literal
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct);
        var isProxy = _proxyHost is not null && string.Equals(host, _proxyHost, StringComparison.OrdinalIgnoreCase);
        string? refusal = null;
        SocketException? failure = null;
        foreach (var address in addresses)
        {
            if (!isProxy && _guard.Check(host, address) is { } reason)
            {
                refusal ??= reason;
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                // Try the host's next address (e.g. IPv4 after IPv6).
                socket.Dispose();
                failure = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        if (failure is not null)
        {
            throw new FetchException(FetchFailureKind.Network, $"cannot connect to {host}: {failure.Message}", failure);
        }

        throw new FetchException(FetchFailureKind.Blocked, $"refused: {refusal ?? $"{host} has no address"}");
    }

    private static FetchException? Unwrap(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is FetchException fetch)
            {
                return fetch;
            }
        }

        return null;
    }

    public void Dispose() => _http.Dispose();
}
