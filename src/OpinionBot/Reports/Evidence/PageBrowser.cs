using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using OpinionBot.Sources;
using PuppeteerSharp;

namespace OpinionBot.Reports.Evidence;

/// <summary>
/// The installed Chromium, run headless for evidence captures and JavaScript-rendered sources. Started on first use
/// and kept; at most <see cref="EvidenceOptions.MaxPages"/> pages at once, each with a time cap, downloads denied, and
/// every request the page makes (the page itself, scripts, images, frames, redirects) checked by the fetcher's
/// <see cref="AddressGuard"/> before it leaves: private and loopback addresses are refused unless allow-listed.
/// Without a browser installed, <see cref="Available"/> is false and callers keep to plain HTTP. The browser and every
/// process it starts run at <see cref="EvidenceOptions.BrowserNice"/> (a launcher script that execs it under <c>nice</c>):
/// evidence is background work and must not take the cores from the checks and cards.
/// </summary>
public sealed class PageBrowser : IPageRenderer, IAsyncDisposable, IDisposable
{
    private readonly EvidenceOptions _options;
    private readonly AddressGuard _guard;
    private readonly string _userAgent;
    private readonly ILogger<PageBrowser> _logger;
    private readonly SemaphoreSlim _pages;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly string? _path;
    private IBrowser? _browser;
    private string? _home;
    private bool _disposed;

    public PageBrowser(IOptions<EvidenceOptions> options, SafeFetcher fetcher, IOptions<FetchingOptions> fetching, ILogger<PageBrowser> logger)
    {
        _options = options.Value;
        _guard = fetcher.Guard;
        _userAgent = fetching.Value.UserAgent;
        _logger = logger;
        _pages = new SemaphoreSlim(Math.Max(1, _options.MaxPages));
        _path = _options.Browser ? BrowserPath.Find(_options.BrowserPath) : null;
    }

    /// <summary>A browser is installed and allowed.</summary>
    public bool Available => _path is not null;

    public string? ExecutablePath => _path;

    /// <summary>The running browser's process id (the launcher execs it, so this is Chromium's own), for tests.</summary>
    internal int? ProcessId => _browser is { IsClosed: false } running ? running.Process?.Id : null;

    /// <summary>
    /// Opens <paramref name="url"/> in a fresh page, lets it render, and hands the page to <paramref name="use"/>.
    /// Throws <see cref="FetchException"/> when the page itself is refused or cannot be loaded.
    /// </summary>
    public async Task<T> WithPageAsync<T>(Uri url, Func<IPage, IResponse, Func<IReadOnlyList<string>>, Task<T>> use, CancellationToken cancellationToken)
    {
        if (_guard.CheckUrl(url) is { } refused)
        {
            throw new FetchException(FetchFailureKind.Blocked, refused);
        }

        await _pages.WaitAsync(cancellationToken);
        try
        {
            var browser = await BrowserAsync(cancellationToken);
            await using var context = await browser.CreateBrowserContextAsync();
            await using var page = await context.NewPageAsync();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.PageTimeout);
            var blocked = new List<string>();
            await PrepareAsync(page, blocked);
            var work = OpenAsync(page, url, blocked, use);
            var finished = await Task.WhenAny(work, Task.Delay(Timeout.Infinite, timeout.Token)).ConfigureAwait(false);
            if (finished != work)
            {
                // The page is closed below, which ends the navigation with an error nobody awaits: observe it here.
                _ = work.ContinueWith(t => t.Exception, TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                throw new FetchException(FetchFailureKind.Timeout, $"the page did not finish within {_options.PageTimeout.TotalSeconds:0} s");
            }

            return await work;
        }
        finally
        {
            _pages.Release();
        }
    }

    /// <summary>A JavaScript-built page as the browser shows it, for sources with <c>Fetch: browser</c>.</summary>
    public Task<RenderedPage> RenderAsync(Uri url, CancellationToken cancellationToken) =>
        WithPageAsync(url, async (page, response, _) =>
            new RenderedPage(new Uri(response.Url), (int)response.Status, await page.GetContentAsync()), cancellationToken);

    private async Task<T> OpenAsync<T>(IPage page, Uri url, List<string> blocked, Func<IPage, IResponse, Func<IReadOnlyList<string>>, Task<T>> use)
    {
        IResponse? response;
        try
        {
            response = await page.GoToAsync(url.AbsoluteUri, new NavigationOptions
            {
                Timeout = (int)_options.PageTimeout.TotalMilliseconds,
                WaitUntil = [WaitUntilNavigation.Load, WaitUntilNavigation.Networkidle2],
            });
        }
        catch (NavigationException ex)
        {
            lock (blocked)
            {
                if (blocked.Count > 0 && blocked[0] == url.AbsoluteUri)
                {
                    throw new FetchException(FetchFailureKind.Blocked, $"{url.Host} is not a public address");
                }
            }

            throw new FetchException(FetchFailureKind.Network, ex.Message);
        }

        if (response is null)
        {
            throw new FetchException(FetchFailureKind.Network, "the browser got no response");
        }

        IReadOnlyList<string> Blocked()
        {
            lock (blocked)
            {
                return blocked.ToList();
            }
        }

        return await use(page, response, Blocked);
    }

    private const string NoLiveConnections = """
        (() => {
          const refuse = function () { throw new DOMException('refused by the evidence browser', 'SecurityError'); };
          for (const name of ['WebSocket', 'WebTransport', 'RTCPeerConnection', 'webkitRTCPeerConnection', 'Worker', 'SharedWorker', 'EventSource']) {
            try { Object.defineProperty(window, name, { value: refuse, writable: false, configurable: false }); } catch (e) { }
          }
          try { Object.defineProperty(navigator, 'serviceWorker', { value: undefined, configurable: false }); } catch (e) { }
        })();
        """;

    private async Task PrepareAsync(IPage page, List<string> blocked)
    {
        await page.SetUserAgentAsync(_userAgent);
        await page.SetViewportAsync(new ViewPortOptions { Width = _options.ViewportWidth, Height = 900 });
        await page.Client.SendAsync("Page.setDownloadBehavior", new Dictionary<string, object> { ["behavior"] = "deny" });
        // Request interception never sees WebSocket, WebRTC or worker traffic, so the page gets none of them: a capture
        // needs the page as shown, not a live connection that could reach a private address past the guard.
        await page.EvaluateExpressionOnNewDocumentAsync(NoLiveConnections);
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            try
            {
                if (await RefusalAsync(e.Request.Url) is { } why)
                {
                    lock (blocked)
                    {
                        blocked.Add(e.Request.Url);
                    }

                    _logger.LogDebug("Browser request refused: {Url} ({Why})", e.Request.Url, why);
                    await e.Request.AbortAsync(RequestAbortErrorCode.AddressUnreachable);
                }
                else
                {
                    await e.Request.ContinueAsync();
                }
            }
            catch (Exception ex)
            {
                // An async event handler must not throw: that would end the process. The page may have closed while the
                // request was judged; anything else refuses the request.
                _logger.LogDebug("Browser request {Url} not judged: {Error}", e.Request.Url, ex.Message);
                try
                {
                    await e.Request.AbortAsync(RequestAbortErrorCode.Failed);
                }
                catch (Exception)
                {
                    // Already handled, or the page is gone.
                }
            }
        };
    }

    /// <summary>Why a request the page makes may not leave; null when it may. data: and blob: stay inside the page.</summary>
    private async Task<string?> RefusalAsync(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url))
        {
            return "not an address";
        }

        if (url.Scheme is "data" or "blob" or "about")
        {
            return null;
        }

        if (_guard.CheckUrl(url) is { } refused)
        {
            return refused;
        }

        var host = url.IdnHost;
        if (AddressGuard.LiteralAddress(host) is not null || _guard.IsHostAllowed(host))
        {
            return null;
        }

        try
        {
            foreach (var resolved in await Dns.GetHostAddressesAsync(host))
            {
                if (_guard.Check(host, resolved) is { } why)
                {
                    return why;
                }
            }

            return null;
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            return ex.Message;
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_path is null)
        {
            throw new InvalidOperationException("No browser is installed.");
        }

        await _launch.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsClosed: false } running)
            {
                return running;
            }

            _home ??= Directory.CreateTempSubdirectory("opinionbot-browser").FullName;
            var profile = Directory.CreateDirectory(Path.Combine(_home, "profile")).FullName;
            var executable = NiceLauncher(_home, _path, _options.BrowserNice) ?? _path;
            _browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                UserDataDir = profile,
                Timeout = (int)_options.PageTimeout.TotalMilliseconds,
                Args = Arguments(),
            });
            _logger.LogInformation("Browser started: {Path} (nice {Nice})", _path, executable == _path ? 0 : Math.Min(_options.BrowserNice, 19));
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private static readonly string[] ProgramFolders = ["/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/"];

    /// <summary>
    /// A script in <paramref name="folder"/> that runs <paramref name="browser"/> at CPU priority <paramref name="nice"/>:
    /// <c>exec nice -n N browser "$@"</c>, so the browser keeps the process id PuppeteerSharp started, and every renderer,
    /// GPU or utility process it forks inherits the priority. A worker allowed to raise priorities (root with
    /// CAP_SYS_NICE) would pass that right on, and Chromium uses it: it sets its display threads to nice −8 and most others
    /// back to 0, above the checks. So the script drops CAP_SYS_NICE for the browser first (<c>setpriv</c>), when it can.
    /// Null (launch the browser itself, as before) when the priority is 0, on Windows, or when there is no <c>nice</c>.
    /// </summary>
    internal static string? NiceLauncher(string folder, string browser, int nice)
    {
        if (nice <= 0 || OperatingSystem.IsWindows())
        {
            return null;
        }

        var niceProgram = Installed("nice");
        if (niceProgram is null)
        {
            return null;
        }

        var niced = $"{Quoted(niceProgram)} -n {Math.Min(nice, 19)} {Quoted(browser)} \"$@\"";
        var script = new System.Text.StringBuilder("#!/bin/sh\n");
        if (Installed("setpriv") is { } setpriv)
        {
            // Dropping a capability needs CAP_SETPCAP: a worker without it cannot raise priorities either, so plain nice holds.
            var drop = $"{Quoted(setpriv)} --inh-caps=-sys_nice --bounding-set=-sys_nice";
            script.Append(CultureInfo.InvariantCulture, $"if {drop} true 2>/dev/null; then\n  exec {drop} {niced}\nfi\n");
        }

        script.Append(CultureInfo.InvariantCulture, $"exec {niced}\n");
        var launcher = Path.Combine(folder, "browser-nice.sh");
        File.WriteAllText(launcher, script.ToString());
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return launcher;

        static string? Installed(string program) => ProgramFolders.Select(folder => folder + program).FirstOrDefault(File.Exists);

        static string Quoted(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static string[] Arguments()
    {
        List<string> args =
        [
            "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update",
            "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--disable-features=Translate,MediaRouter",
            "--js-flags=--max-old-space-size=256",
        ];

        // Chromium's own sandbox needs user namespaces it cannot have as root (containers, CI); the request guard and
        // the caps above still hold there.
        if (Environment.UserName == "root")
        {
            args.Add("--no-sandbox");
        }

        return [.. args];
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    // Apart from DisposeAsync, so that stopping a worker that never launched the browser does not load PuppeteerSharp
    // (compiling a method loads every assembly it names; a loaded assembly stays mapped for the life of the process).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task CloseBrowserAsync()
    {
        await _browser!.CloseAsync();
        await _browser.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_browser is not null)
        {
            await CloseBrowserAsync();
        }

        if (_home is not null && Directory.Exists(_home))
        {
            try
            {
                Directory.Delete(_home, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be letting go of its profile; the temp folder is cleaned by the system.
            }
        }

        _pages.Dispose();
        _launch.Dispose();
    }
}
