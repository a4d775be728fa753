using OpinionBot.Commands;
using OpinionBot.Reports.Evidence;
using OpinionBot.Sources;

namespace OpinionBot.Reports.Documents;

/// <summary>
/// Registers the incident records: history, official documents, contact sheets, and the browser that captures pages
/// as evidence and reads JavaScript-built sources.
/// </summary>
public static class DocumentServices
{
    public static IServiceCollection AddIncidentRecords(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration(ReportsOptions.Section);
        services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.Section);
        services.AddSingleton<PageBrowser>();
        services.AddSingleton<IPageRenderer>(sp => sp.GetRequiredService<PageBrowser>());
        services.AddSingleton<PageCapture>();
        services.AddHostedService<BrowserNotice>();
        services.AddSingleton<DocumentIssuer>();
        services.AddSingleton<ICommandFamily, NoticeCommand>();
        services.AddSingleton<HistoryCommand>();
        services.AddSingleton<ICommandFamily>(sp => sp.GetRequiredService<HistoryCommand>());
        services.AddSingleton<ICommandButtons>(sp => sp.GetRequiredService<HistoryCommand>());
        return services;
    }
}
