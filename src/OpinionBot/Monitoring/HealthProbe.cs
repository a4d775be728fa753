using OpinionBot.Hosting;
using OpinionBot.Settings;

namespace OpinionBot.Monitoring;

/// <summary>
/// <c>health [ADDRESS]</c>: asks a running worker's <c>/healthz</c> and exits 0 when healthy, 1 otherwise, printing the
/// answer. For container health checks, where the runtime image has neither curl nor wget. ADDRESS defaults to the
/// <c>Monitoring__Listen</c> environment variable, with a wildcard host read as 127.0.0.1.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var listen = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("Monitoring__Listen");
        if (string.IsNullOrWhiteSpace(listen))
        {
            await output.WriteLineAsync("usage: health 127.0.0.1:9464 (or set Monitoring__Listen)");
            return 2;
        }

        var prefix = HttpEndpoint.PrefixOf(listen).Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(prefix + "healthz", cancellationToken);
            await output.WriteLineAsync(await response.Content.ReadAsStringAsync(cancellationToken));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{prefix}healthz: {ex.Message}");
            return 1;
        }
    }
}
