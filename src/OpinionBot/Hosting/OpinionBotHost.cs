using Microsoft.Extensions.Configuration;
using Serilog;

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

        // A settings file without a Serilog section still logs to the console rather than nowhere.
        var hasSinks = builder.Configuration.GetSection("Serilog:WriteTo").GetChildren().Any();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
            if (!hasSinks)
            {
                logger.WriteTo.Console();
            }
        });
        builder.Services.AddOpinionBot(builder.Configuration);
        return builder;
    }
}
