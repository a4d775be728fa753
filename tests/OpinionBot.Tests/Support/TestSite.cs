using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OpinionBot.Tests.Support;

/// <summary>
/// A tiny web site on 127.0.0.1 with content tests change while it runs: pages, feeds, files, or custom handlers for
/// hostile servers. Static content carries an ETag and Last-Modified and answers 304 to a matching conditional GET.
/// Paths may include a query ("/search?q=x"); such an entry is preferred over the bare path.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SiteEntry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SiteHit> hits = new();
    private readonly TimeProvider time;
    private LoopbackServer? server;
    private int version;

    private TestSite(TimeProvider time) => this.time = time;

    public string BaseUrl => server?.BaseUrl ?? throw new InvalidOperationException("The test site is not started.");

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<SiteHit> Hits => [.. hits];

    /// <param name="time">Clock for Last-Modified headers.</param>
    public static async Task<TestSite> StartAsync(TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var site = new TestSite(time ?? TimeProvider.System);
        site.server = await LoopbackServer.StartAsync(site.HandleAsync, cancellationToken);
        return site;
    }

    /// <summary>The absolute URL of a path on this site.</summary>
    public string Url(string path) => BaseUrl + Normalize(path);

    public void Set(string path, string body, string contentType = "application/rss+xml; charset=utf-8") =>
        Set(path, Encoding.UTF8.GetBytes(body), contentType);

    public void Set(string path, byte[] body, string contentType) =>
        entries[Normalize(path)] = new SiteEntry(body, contentType, $"\"v{Interlocked.Increment(ref version)}\"", time.GetUtcNow(), null);

    /// <summary>Serves the path with a handler of its own: slow drips, redirects, odd headers, broken encodings.</summary>
    public void Map(string path, Func<HttpContext, Task> handler) =>
        entries[Normalize(path)] = new SiteEntry([], "", "", time.GetUtcNow(), handler);

    public void Remove(string path) => entries.TryRemove(Normalize(path), out _);

    /// <summary>Requests for a path; a path without a query counts every query string on it.</summary>
    public int RequestCount(string path)
    {
        var wanted = Normalize(path);
        return hits.Count(hit => wanted.Contains('?', StringComparison.Ordinal)
            ? hit.PathAndQuery == wanted
            : hit.PathAndQuery.Split('?')[0] == wanted);
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var pathAndQuery = request.Path.Value + request.QueryString.Value;
        hits.Enqueue(new SiteHit(pathAndQuery, request.Method, request.Headers.ToDictionary(
            header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase), time.GetUtcNow()));
        if (!entries.TryGetValue(pathAndQuery, out var entry) && !entries.TryGetValue(request.Path.Value ?? "/", out entry))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (entry.Handler is not null)
        {
            await entry.Handler(context);
            return;
        }

        var headers = context.Response.GetTypedHeaders();
        context.Response.Headers.ETag = entry.ETag;
        headers.LastModified = entry.LastModified;
        var modifiedSince = request.GetTypedHeaders().IfModifiedSince;
        var lastModified = DateTimeOffset.FromUnixTimeSeconds(entry.LastModified.ToUnixTimeSeconds());
        if (request.Headers.IfNoneMatch == entry.ETag
            || (request.Headers.IfNoneMatch.Count == 0 && modifiedSince >= lastModified))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = entry.ContentType;
        context.Response.ContentLength = entry.Body.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await context.Response.Body.WriteAsync(entry.Body, context.RequestAborted);
        }
    }

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    private sealed record SiteEntry(byte[] Body, string ContentType, string ETag, DateTimeOffset LastModified, Func<HttpContext, Task>? Handler);
}

/// <summary>One request the test site received.</summary>
public sealed record SiteHit(string PathAndQuery, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset Time);
