using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace OpinionBot.Tests.Monitoring;

/// <summary>Loopback ports for the bot's own listeners, and reading what they answer.</summary>
internal static partial class LocalEndpoints
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A port free on 127.0.0.1 right now (HttpListener cannot pick one itself).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static async Task<(int Status, string Body)> GetAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Prometheus text format: "name{labels} value" lines, keyed by "name{labels}" exactly as written.</summary>
    public static Dictionary<string, double> ParseMetrics(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (SampleLine().Match(line) is { Success: true } match)
            {
                values[match.Groups["key"].Value] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return values;
    }

    [GeneratedRegex(@"^(?<key>[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})?) (?<value>\S+)")]
    private static partial Regex SampleLine();
}
