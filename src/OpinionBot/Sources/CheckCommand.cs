using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Settings;
using OpinionBot.Text;

namespace OpinionBot.Sources;

/// <summary>
/// <c>check &lt;url&gt; [--kind …] [--item SEL …] [--json]</c>: reads a source once through the same safe fetcher and
/// prints what it yields, so a supervisor can write selectors before trusting a source. Needs no Telegram settings.
/// </summary>
public static class CheckCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <returns>0 when items were found, 1 when the source yields nothing or fails, 2 for a usage error.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddOpinionBotSettings(args).Build();
        }
        catch (SettingsFileMissingException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 2;
        }

        var strings = Strings.For(configuration["Culture"]);
        var fetching = configuration.GetSection(FetchingOptions.Section).Get<FetchingOptions>() ?? new FetchingOptions();
        if (!CheckArguments.TryParse(args, fetching, out var check))
        {
            await output.WriteLineAsync(strings.CheckUsage);
            return 2;
        }

        using var fetcher = new SafeFetcher(Options.Create(fetching), TimeProvider.System);
        var reader = new SourceReader(fetcher, Options.Create(fetching), TimeProvider.System, NullLogger<SourceReader>.Instance);
        SourceReading reading;
        try
        {
            reading = await reader.ReadAsync(check.Source, check.Keywords, ct);
        }
        catch (FetchException ex)
        {
            await output.WriteLineAsync(check.Json ? JsonSerializer.Serialize(new { error = ex.Message }, Json) : strings.CheckFailed(ex.Message));
            return 1;
        }

        if (check.Json)
        {
            var rows = reading.Items.Select(i => new { title = i.Title, url = i.Url, published = i.Published?.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) });
            await output.WriteLineAsync(JsonSerializer.Serialize(rows, Json));
            return reading.Items.Count > 0 ? 0 : 1;
        }

        await WriteTextAsync(output, strings, reading);
        return reading.Items.Count > 0 ? 0 : 1;
    }

    private static async Task WriteTextAsync(TextWriter output, Strings strings, SourceReading reading) =>
        await output.WriteLineAsync(Describe(strings, reading).TrimEnd('\n'));

    /// <summary>What a reading yields as plain text (the CLI prints it; <c>/sources test</c> shows the first items).</summary>
    public static string Describe(Strings strings, SourceReading reading, int maxItems = int.MaxValue)
    {
        if (reading.NotModified)
        {
            return strings.CheckNotModified + "\n";
        }

        var text = new System.Text.StringBuilder(strings.CheckSummary(reading.Items.Count, reading.Encoding)).Append('\n');
        var n = 0;
        foreach (var item in reading.Items.Take(maxItems))
        {
            var when = item.Published?.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture) ?? strings.CheckNoTime;
            text.Append($"{++n}. {item.Title}\n   {item.Url}\n   {when}\n");
        }

        foreach (var warning in reading.Warnings)
        {
            text.Append($"! {warning}\n");
        }

        if (reading.Items.Count == 0)
        {
            text.Append(strings.CheckNoItems).Append('\n');
        }

        return text.ToString();
    }
}
