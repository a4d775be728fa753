using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Cluster;
using OpinionBot.Commands;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.People;
using OpinionBot.Reports;
using OpinionBot.Reports.Documents;
using OpinionBot.Scheduling;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Storage;
using Quartz;
using Telegram.Bot;
using SchedulingOptions = OpinionBot.Scheduling.SchedulingOptions;

namespace OpinionBot.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the worker needs, in one place a newcomer can read top to bottom.</summary>
    public static IServiceCollection AddOpinionBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Cluster mode (off by default): which node does the work that must run once, by leases in PostgreSQL.
        services.AddCluster(configuration);

        // Settings, validated at start (see SettingsValidation).
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateOnStart();
        services.AddOptions<ChatsOptions>().BindConfiguration(ChatsOptions.Section).ValidateOnStart();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>();
        services.AddOptions<MonitoringOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidation>();
        services.AddSingleton<IValidateOptions<ChatsOptions>, ChatsOptionsValidation>();
        services.AddSingleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidation>();
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportsOptions>, ReportsOptionsValidation>();

        // Storage.
        services.AddSingleton(sp => StorageEngines.OpenDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetService<ILoggerFactory>()?.CreateLogger<OpinionDatabase>()));

        // Sources and matching.
        services.AddOptions<FetchingOptions>().BindConfiguration(FetchingOptions.Section);
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidation>();
        services.AddSingleton<SafeFetcher>();
        services.AddSingleton<IFetchMemory, StoredFetchMemory>();
        services.AddSingleton<CpuTurns>();
        services.AddSingleton<ISourceReader, SourceReader>();
        services.AddSingleton<SourceHealthTracker>();
        services.AddSingleton<HeightenedPeriods>();
        services.AddSingleton<SourceCatalog>();
        services.AddMatching();

        // Incidents.
        services.AddSingleton(sp => Sources.TimeZones.Resolve(sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.TimeZone));
        services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeadlineOptions>, DeadlineOptionsValidation>();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EscalationOptions>, EscalationOptionsValidation>();
        services.AddSingleton<DepartmentLookup>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<DeadlineWatch>();
        services.AddSingleton<ItemIntake>();
        services.AddSingleton<StoryMemory>();
        services.AddHostedService(sp => sp.GetRequiredService<StoryMemory>());

        // Telegram: one client from DI, the outbox and its sender, the update poller and router.
        services.AddHttpClient("telegram")
            .AddTypedClient<ITelegramBotClient>((http, sp) =>
            {
                var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
                var baseUrl = string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl.TrimEnd('/');
                // The outbox handles 429s itself, in order per chat, so the client must not retry behind its back.
                return new TelegramBotClient(new TelegramBotClientOptions(options.Token, baseUrl) { RetryThreshold = 0, RetryCount = 0 }, http);
            });
        services.AddSingleton<PeopleDirectory>();
        services.AddSingleton<ConfiguredChats>();
        services.AddSingleton<ChatLanguages>();
        services.AddSingleton<DirectNotices>();
        services.AddSingleton<IncidentLines>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<DocumentMaker>();
        services.AddSingleton<FileMaking>();
        services.AddSingleton<RefusedMessages>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidation>();
        services.AddSingleton<ChatPacer>();
        services.AddSingleton<ChatStorms>();
        services.AddSingleton<Digests>();
        services.AddSingleton<ReminderDigests>();
        services.AddSingleton<ICommandButtons, DigestButtons>();
        services.AddSingleton<CardRenderer>();
        services.AddSingleton<ReportSubmission>();
        services.AddSingleton<CardPublisher>();
        services.AddSingleton<IIncidentEvents>(sp => sp.GetRequiredService<CardPublisher>());
        services.AddSingleton<CardPresses>();
        services.AddSingleton<CardNotes>();
        services.AddSingleton<SupervisorNotices>();
        services.AddSingleton<UpdateRouter>();
        services.AddSingleton<UpdateIntake>();
        services.AddSingleton<DeliveryAttempt>();
        services.AddSingleton<RawUpdates>();
        services.AddSingleton<ChatPlaces>();
        services.AddSingleton<ChatAlerts>();
        services.AddSingleton<LostChats>();
        services.AddSingleton<DeliveryLagWatch>();
        services.AddSingleton<ChatMigration>();
        services.AddSingleton<ChatMembership>();
        services.AddSingleton<ChatMoves>();
        services.AddSingleton<IPostConfigureOptions<ChatsOptions>>(sp => sp.GetRequiredService<ChatMoves>());
        services.AddSingleton<IPostConfigureOptions<MonitoringOptions>>(sp => sp.GetRequiredService<ChatMoves>());

        // Commands: one family per feature; the router, /help and the menus pick up every registered family.
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<IncidentFinder>();
        services.AddSingleton<PersonFinder>();
        services.AddSingleton<RosterView>();
        services.AddSingleton<ICommandFamily, HelpCommands>();
        services.AddSingleton<ICommandFamily, StatusCommand>();
        services.AddSingleton<IncidentListCommands>();
        services.AddSingleton<ICommandFamily>(sp => sp.GetRequiredService<IncidentListCommands>());
        services.AddSingleton<ICommandButtons>(sp => sp.GetRequiredService<IncidentListCommands>());
        services.AddSingleton<PeriodReportCommand>();
        services.AddSingleton<ICommandFamily, IncidentActionCommands>();
        services.AddSingleton<ICommandFamily, LedgerCommand>();
        services.AddSingleton<ICommandFamily, IncidentRecordCommands>();
        services.AddSingleton<ICommandFamily, RosterCommands>();
        services.AddSingleton<ICommandFamily, MemberCommands>();
        services.AddSingleton<ICommandFamily, LanguageCommand>();
        services.AddSingleton<SourceLines>();
        services.AddSingleton<SourceCommands>();
        services.AddSingleton<ICommandFamily>(sp => sp.GetRequiredService<SourceCommands>());
        services.AddSingleton<ICommandButtons>(sp => sp.GetRequiredService<SourceCommands>());
        services.AddSingleton<ICommandFamily, TopicCommands>();
        services.AddSingleton<ICommandFamily, HeightenedCommand>();
        services.AddSingleton<ICommandFamily, WatchCommands>();
        services.AddIncidentRecords();
        services.AddSingleton<HeightenedSwitch>();
        services.AddSingleton<CommandRouter>();
        services.AddHostedService<CommandMenus>();

        // Duty roster (值班) and the handover at each change of turn.
        services.AddSingleton<DutyRoster>();
        services.AddSingleton<Handover>();
        // In cluster mode one node drains the outbox (lease "delivery"). Telegram's limits are per bot (about 30 messages
        // a second overall, 20 a minute per group), so one paced sender per bot is what keeps under them; a lease per
        // chat would let every node pace its own share and the bot as a whole would overrun the global limit.
        services.AddLeasedHostedService<OutboxSender>(configuration, LeaseNames.Delivery);
        if (!OperationsServices.UsesWebhook(configuration))
        {
            // Telegram answers one getUpdates poller per bot (a second gets 409), so one node polls (lease "updates");
            // with a webhook, every node may take the posts the proxy hands it.
            services.AddLeasedHostedService<UpdatePoller>(configuration, LeaseNames.Updates);
        }

        // Scheduling: Quartz runs the source checks.
        var checkDeadlinesEvery = configuration.GetSection(DeadlineOptions.Section).Get<DeadlineOptions>()?.CheckEvery ?? TimeSpan.FromMinutes(1);
        // A firing only queues its check (CheckLanes), so a few threads keep every trigger on time.
        var schedulingSettings = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var schedulerThreads = ClusterOptions.IsEnabled(configuration)
            // A cluster node's firing waits for its check (so a dead node's firings are recovered): a thread per check.
            ? Math.Max(schedulingSettings.SchedulerThreads, schedulingSettings.MaxConcurrentChecks + 4)
            : schedulingSettings.SchedulerThreads;
        var quartzProperties = new System.Collections.Specialized.NameValueCollection
        {
            ["quartz.threadPool.maxConcurrency"] = Math.Max(2, schedulerThreads).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        ClusterServices.NameScheduler(quartzProperties, configuration);
        services.AddQuartz(quartzProperties, q =>
        {
            // In cluster mode the triggers live in PostgreSQL and each firing runs on one node: the source checks, and
            // the minute jobs and reports below ([DisallowConcurrentExecution] holds across the cluster there).
            if (ClusterOptions.IsEnabled(configuration))
            {
                q.UseClusteredStore(configuration);
            }

            q.ScheduleJob<DeadlineJob>(
                trigger => trigger.WithIdentity("deadlines").StartNow().WithSimpleSchedule(s => s.WithInterval(checkDeadlinesEvery).RepeatForever()),
                job => job.WithIdentity(DeadlineJob.Key));
            q.ScheduleJob<HandoverJob>(
                trigger => trigger.WithIdentity("handover").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()),
                job => job.WithIdentity(HandoverJob.Key));
        });
        // Registered before Quartz's hosted service so it stops after it: no firing arrives once the lanes wind down.
        services.AddSingleton<CheckTimeliness>();
        services.AddSingleton<SourceCheck>();
        services.AddSingleton<CheckLanes>();
        // Before the lanes and the scheduler start: the first round then runs compiled code (see FirstRoundWarmUp).
        services.AddSingleton<FirstRoundWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<FirstRoundWarmUp>());
        services.AddHostedService(sp => sp.GetRequiredService<CheckLanes>());
        services.AddSingleton<EvidencePass>();
        // The pass keeps a cursor in the database: two nodes would race over it, so it runs on the duties holder.
        services.AddLeasedHostedService<EvidencePass>(configuration, LeaseNames.Duties, shared: true);
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        services.AddSingleton<SourceJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<SourceJobs>());

        // Records and reports (the builders themselves are static and pure); report jobs on cron triggers.
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<EvidenceBackup>();
        services.AddSingleton<ReportSchedule>();
        services.AddSingleton<ReportDispatch>();
        services.AddSingleton<ReportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportJobs>());

        // Operations: systemd, console log, health and metrics, backups, webhook mode.
        services.AddOperations(configuration);

        return services;
    }
}
