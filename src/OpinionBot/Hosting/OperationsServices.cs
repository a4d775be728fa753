using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Cluster;
using OpinionBot.Commands;
using OpinionBot.Monitoring;
using OpinionBot.Storage;
using Serilog.Core;

namespace OpinionBot.Hosting;

/// <summary>What an administrator runs the bot with: systemd, the console log, health and metrics, backups, the webhook.</summary>
public static class OperationsServices
{
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        // Type=notify: READY=1 once started, STOPPING=1 on the way down; nothing when not run by systemd.
        services.AddSystemd();
        if (ConsoleLog.UnderSystemd && !SystemdHelpers.IsSystemdService())
        {
            // AddSystemd only looks for systemd as the parent process; a notify socket handed down through a wrapper
            // (or a test) deserves the same answer, as sd_notify(3) gives it.
            services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }
        services.AddSingleton<ILogEventSink>(_ => ConsoleLog.CreateSink(configuration));

        // Health and metrics.
        services.AddOptions<MonitoringEndpointOptions>().BindConfiguration(MonitoringEndpointOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MonitoringEndpointOptions>, MonitoringEndpointOptionsValidation>();
        services.AddSingleton<BotMetrics>();
        services.AddSingleton<TelegramPulse>();
        services.AddSingleton<HealthCheck>();
        services.AddSingleton<StoredGauges>();
        services.AddTransient<TelegramTraffic>();
        services.AddHttpClient("telegram").AddHttpMessageHandler<TelegramTraffic>();
        services.AddHostedService<MonitoringListener>();

        // Memory: what a burst of work leaves behind goes back to the system once the worker is quiet again.
        services.AddHostedService<IdleMemoryTrim>();

        // Backups: /backup and Storage:BackupEvery.
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidation>();
        services.AddSingleton<DatabaseBackup>();
        services.AddLeasedHostedService<BackupSchedule>(configuration, LeaseNames.Duties);
        services.AddSingleton<ICommandFamily, BackupCommand>();

        // Webhook mode replaces long polling (AddOpinionBot leaves the poller out when it is on).
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        if (UsesWebhook(configuration))
        {
            services.AddSingleton<WebhookListener>();
            services.AddHostedService(sp => sp.GetRequiredService<WebhookListener>());
        }

        return services;
    }

    public static bool UsesWebhook(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebhookOptions.Section + ":Url"]);
}

public sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return ValidateOptionsResult.Fail(
                $"Telegram:Webhook:Url '{options.Url}' is not an https URL: use the public address Telegram should post to, e.g. https://bot.example.org/telegram, or remove it to use long polling.");
        }

        if (options.SecretToken.Length is < 1 or > 256 || !options.SecretToken.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return ValidateOptionsResult.Fail(
                "Telegram:Webhook:SecretToken is missing or malformed: set 1-256 characters of A-Z, a-z, 0-9, _ and - (e.g. from `openssl rand -hex 32`); Telegram sends it with every update so strangers cannot post fake ones.");
        }

        return !HttpEndpoint.IsValid(options.Listen)
            ? ValidateOptionsResult.Fail("Telegram:Webhook:Listen is not an address and port: set the address the reverse proxy forwards to, e.g. 127.0.0.1:8443.")
            : ValidateOptionsResult.Success;
    }
}

public sealed class MonitoringEndpointOptionsValidation : IValidateOptions<MonitoringEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringEndpointOptions options) =>
        string.IsNullOrWhiteSpace(options.Listen) || HttpEndpoint.IsValid(options.Listen)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Monitoring:Listen '{options.Listen}' is not an address and port: use e.g. 127.0.0.1:9464 (or *:9464 in a container), or remove it to turn health and metrics off.");
}

public sealed class BackupOptionsValidation : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options) =>
        options.BackupKeep < 1
            ? ValidateOptionsResult.Fail("Storage:BackupKeep must be at least 1: it is how many backups to keep.")
            : options.BackupEvery is { } every && every < TimeSpan.Zero
                ? ValidateOptionsResult.Fail("Storage:BackupEvery must be a positive duration such as 1.00:00:00 (daily), or left out.")
                : ValidateOptionsResult.Success;
}
