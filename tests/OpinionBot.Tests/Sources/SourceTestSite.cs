using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpinionBot.Sources;

namespace OpinionBot.Tests.Sources;

/// <summary>
/// A tiny loopback web site for source tests: the fixtures, a board whose markup can be "redesigned", a GBK search page,
/// conditional GET, redirects, and hostile endpoints (slow drip, endless body, gzip bomb).
/// </summary>
internal sealed class SourceTestSite : IAsyncDisposable
{
    private static readonly Lazy<byte[]> Bomb = new(() =>
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        return output.ToArray();
    });

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new();

    private SourceTestSite(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>When true, <c>/board</c> serves the redesigned page that the old selectors do not fit.</summary>
    public bool Redesigned { get; set; }

    /// <summary>When true, <c>/board</c> answers 500.</summary>
    public bool Broken { get; set; }

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public static async Task<SourceTestSite> StartAsync()
    {
        EncodingNames.Register();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new SourceTestSite(app);
        site.Map(app);
        await app.StartAsync();
        site.BaseUrl = new Uri(app.Urls.First() + "/");
        return site;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            _hits.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/f/{name}", (string name, HttpContext context) => Fixture(context, name));
        app.MapGet("/board", (HttpContext context) => Broken
            ? Results.StatusCode(500)
            : Fixture(context, Redesigned ? "discuz-redesign.html"
                : context.Request.Query["page"] == "2" ? "discuz-board-page2.gbk.html" : "discuz-board.gbk.html"));
        app.MapGet("/etag", (HttpContext context) =>
        {
            context.Response.Headers.ETag = "\"v1\"";
            return context.Request.Headers.IfNoneMatch == "\"v1\"" ? Results.StatusCode(304) : Fixture(context, "news-list.html");
        });
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapGet("/chain/{n:int}", (int n) => n == 0 ? Results.Redirect("/f/news-list.html") : Results.Redirect($"/chain/{n - 1}"));
        app.MapGet("/search", Search);
        app.MapGet("/slow", Drip);
        app.MapGet("/endless", Endless);
        app.MapGet("/bomb", (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(Bomb.Value, "text/html");
        });
        app.MapGet("/text", (string body, string? type) => Results.Text(body, type ?? "text/html; charset=utf-8"));
    }

    private static IResult Fixture(HttpContext context, string name)
    {
        var path = Path.Combine(SourceFixtures.Directory, Path.GetFileName(name));
        if (!File.Exists(path))
        {
            return Results.NotFound();
        }

        var type = context.Request.Query["type"].FirstOrDefault() ?? Path.GetExtension(name) switch
        {
            ".xml" or ".rdf" => "application/xml",
            ".json" => "application/feed+json",
            _ => "text/html",
        };
        return Results.Bytes(File.ReadAllBytes(path), type);
    }

    // The keyword arrives percent-encoded in GBK, as an old Discuz! search expects; echo it back in a one-item list.
    private static IResult Search(HttpContext context)
    {
        var raw = context.Request.QueryString.Value ?? "";
        var q = raw.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "q")?[1] ?? "";
        var keyword = HttpUtility.UrlDecode(q, Encoding.GetEncoding("gbk"));
        var html = $"""
            <html><head><meta charset="gbk"><title>搜索</title></head><body><ul class="results">
            <li><a href="/t/{Uri.EscapeDataString(keyword)}">关于{keyword}的帖子</a><span class="time">1小时前</span></li>
            </ul></body></html>
            """;
        return Results.Bytes(Encoding.GetEncoding("gbk").GetBytes(html), "text/html; charset=gbk");
    }

    private static async Task Drip(HttpContext context)
    {
        context.Response.ContentType = "text/html";
        for (var i = 0; i < 600 && !context.RequestAborted.IsCancellationRequested; i++)
        {
            await context.Response.Body.WriteAsync("<p>"u8.ToArray(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(100, context.RequestAborted);
        }
    }

    private static async Task Endless(HttpContext context)
    {
        context.Response.ContentType = "text/html";
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<p>endless</p>", 4096)));
        for (var i = 0; i < 10_000 && !context.RequestAborted.IsCancellationRequested; i++)
        {
            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
