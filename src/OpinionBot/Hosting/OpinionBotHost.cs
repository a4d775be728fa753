using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Core.Enrichers;
using Serilog.Settings.Configuration;

namespace OpinionBot.Hosting;

/// <summary>Builds the worker host. <c>Program</c> and the end-to-end tests both start the bot through here.</summary>
public static class OpinionBotHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? overrides = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });

        // One settings file (the working directory's appsettings.json, or --config PATH), then the environment.
        builder.Configuration
            .AddOpinionBotSettings(args)
            .AddCommandLine(args);
        overrides?.Invoke(builder.Configuration);

        // The host keeps its own logger rather than taking over the static Log.Logger: with several hosts in one process
        // (the end-to-end tests), each host's log must go to its own sinks.
        // The sink assemblies are named, so Serilog does not scan the dependency manifest for them (that loads and keeps
        // Microsoft.Extensions.DependencyModel and the parsed manifest for nothing): Console, File and the compact JSON
        // formatter are what the worker ships; "Using" in the settings still adds others.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration, new ConfigurationReaderOptions(
                typeof(ConsoleLoggerConfigurationExtensions).Assembly,
                typeof(FileLoggerConfigurationExtensions).Assembly,
                typeof(Serilog.Formatting.Compact.CompactJsonFormatter).Assembly))
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With(NodeName(builder.Configuration)), preserveStaticLogger: true);
        builder.Services.AddOpinionBot(builder.Configuration);
        return builder;
    }

    /// <summary>In cluster mode every log line says which node wrote it (property <c>Node</c>); nothing on a single node.</summary>
    private static ILogEventEnricher[] NodeName(IConfiguration configuration) =>
        Cluster.ClusterOptions.IsEnabled(configuration)
            ? [new PropertyEnricher("Node", Cluster.ClusterOptions.NodeNameFrom(configuration))]
            : [];
}
