using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Systemd;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace OpinionBot.Hosting;

/// <summary>
/// The console log, in the form its reader wants (<c>Logging:Console</c>): <c>text</c> for a person at a terminal,
/// <c>json</c> (one compact JSON object per line) for a log collector, <c>journal</c> for journald (a syslog priority
/// on every line, no timestamp of its own). Unset: <c>journal</c> under systemd, <c>text</c> elsewhere.
/// </summary>
public static class ConsoleLog
{
    public const string Setting = "Logging:Console";
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    // Cluster mode: the node's name before each line, so the logs of several nodes can be read together.
    private const string NodeTextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Node} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static string FormatOf(IConfiguration configuration) =>
        configuration[Setting]?.Trim().ToLowerInvariant() is { Length: > 0 } chosen ? chosen
        : UnderSystemd && Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null ? "journal"
        : "text";

    /// <summary>Started by systemd, directly or with its notify socket handed down.</summary>
    public static bool UnderSystemd =>
        SystemdHelpers.IsSystemdService() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    /// <summary>A sink for Serilog's <c>ReadFrom.Services</c>; it is a logger of its own, so its formatter is ours.</summary>
    public static Logger CreateSink(IConfiguration configuration)
    {
        ITextFormatter formatter = FormatOf(configuration) switch
        {
            "json" => new RenderedCompactJsonFormatter(),
            "journal" => new JournalFormatter(Cluster.ClusterOptions.IsEnabled(configuration)),
            "text" => new MessageTemplateTextFormatter(
                Cluster.ClusterOptions.IsEnabled(configuration) ? NodeTextTemplate : TextTemplate, System.Globalization.CultureInfo.InvariantCulture),
            var other => throw new Microsoft.Extensions.Options.OptionsValidationException(Setting, typeof(string),
                [$"{Setting} '{other}' is unknown: use text, json or journal (or leave it out)."]),
        };
        return new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Console(formatter).CreateLogger();
    }

    /// <summary>journald reads <c>&lt;N&gt;</c> at the start of each line as its priority; stack-trace lines get it too.</summary>
    private sealed class JournalFormatter(bool withNode) : ITextFormatter
    {
        private readonly MessageTemplateTextFormatter _message = new(
            withNode ? "{Node} {SourceContext}: {Message:lj}" : "{SourceContext}: {Message:lj}", System.Globalization.CultureInfo.InvariantCulture);

        public void Format(LogEvent logEvent, TextWriter output)
        {
            var priority = logEvent.Level switch
            {
                LogEventLevel.Fatal => "<2>",
                LogEventLevel.Error => "<3>",
                LogEventLevel.Warning => "<4>",
                LogEventLevel.Information => "<6>",
                _ => "<7>",
            };
            using var message = new StringWriter();
            _message.Format(logEvent, message);
            var lines = message.ToString().Split('\n').Concat(logEvent.Exception?.ToString().Split('\n') ?? []);
            foreach (var line in lines)
            {
                output.Write(priority);
                output.Write(line.TrimEnd('\r'));
                output.Write('\n');
            }
        }
    }
}
