using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Matching;
using OpinionBot.Reports;
using OpinionBot.Sources;
using OpinionBot.Storage;

namespace OpinionBot.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the worker needs, in one place a newcomer can read top to bottom.</summary>
    public static IServiceCollection AddOpinionBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Settings, validated at start (see SettingsValidation).
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateOnStart();
        services.AddOptions<ChatsOptions>().BindConfiguration(ChatsOptions.Section).ValidateOnStart();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddOptions<MonitoringOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidation>();
        services.AddSingleton<IValidateOptions<ChatsOptions>, ChatsOptionsValidation>();
        services.AddSingleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidation>();
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportsOptions>, ReportsOptionsValidation>();

        // Storage.
        services.AddSingleton(sp => new OpinionDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path));

        // Sources and matching.
        services.AddHttpClient(FeedSourceReader.HttpClientName);
        services.AddSingleton<ISourceReader, FeedSourceReader>();
        services.AddSingleton(sp => new TopicMatcher(sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.Topics));

        // Records and reports (the builders themselves are static and pure).
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<ReportSchedule>();

        return services;
    }
}
