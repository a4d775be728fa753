using OpinionBot.Chat.Commands;

namespace OpinionBot.Reports.Documents;

/// <summary>Registers the incident records people ask for in the chat: history, official documents, contact sheets.</summary>
public static class DocumentServices
{
    public static IServiceCollection AddIncidentRecords(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration(ReportsOptions.Section);
        services.AddSingleton<DocumentIssuer>();
        services.AddSingleton<ICommandFamily, NoticeCommand>();
        services.AddSingleton<HistoryCommand>();
        services.AddSingleton<ICommandFamily>(sp => sp.GetRequiredService<HistoryCommand>());
        services.AddSingleton<ICommandButtons>(sp => sp.GetRequiredService<HistoryCommand>());
        return services;
    }
}
