using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Quartz;

namespace OpinionBot.Cluster;

/// <summary>Wires cluster mode: the options, the leases, the work that runs under them, and Quartz's clustered store.</summary>
public static class ClusterServices
{
    /// <summary>Options and leases. On a single node (the default) the leases are always held and nothing is stored.</summary>
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section)
            .PostConfigure(o => o.NodeName = ClusterOptions.NodeNameFrom(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterOptions>>(new ClusterOptionsValidation(configuration));
        if (!ClusterOptions.IsEnabled(configuration))
        {
            services.AddSingleton<ILeases, SingleNodeLeases>();
            return services;
        }

        services.AddSingleton(_ => new ClusterDatabase(configuration["Storage:ConnectionString"] ?? ""));
        services.AddSingleton<PostgresLeases>();
        services.AddSingleton<ILeases>(sp => sp.GetRequiredService<PostgresLeases>());
        // Registered before the leased work, so it stops after it: the work has stopped when the leases are released.
        services.AddHostedService(sp => sp.GetRequiredService<PostgresLeases>());
        return services;
    }

    /// <summary>
    /// A hosted service that must run on one node only. Single node: registered as it always was. Cluster mode: run
    /// under <paramref name="lease"/>, made afresh for each term (or, with <paramref name="shared"/>, the one singleton
    /// that other services talk to, started and stopped again).
    /// </summary>
    public static IServiceCollection AddLeasedHostedService<T>(this IServiceCollection services, IConfiguration configuration, string lease, bool shared = false)
        where T : class, IHostedService
    {
        if (!ClusterOptions.IsEnabled(configuration))
        {
            return shared ? services.AddHostedService(sp => sp.GetRequiredService<T>()) : services.AddHostedService<T>();
        }

        // Added directly: AddHostedService keeps one registration per implementation type, and every leased service is a LeasedWork.
        services.Add(ServiceDescriptor.Singleton<IHostedService>(sp => new LeasedWork(
            sp.GetRequiredService<ILeases>(),
            lease,
            shared ? sp.GetRequiredService<T> : () => ActivatorUtilities.CreateInstance<T>(sp),
            fresh: !shared,
            sp.GetRequiredService<ILogger<LeasedWork>>())));
        return services;
    }

    /// <summary>
    /// Quartz on the shared database in cluster mode: every node runs a scheduler with the same name, each firing is
    /// taken by exactly one node (row locks in Quartz's tables), and a node that stops checking in has its triggers
    /// recovered by the others. Quartz creates its own tables when they are missing. Job data is strings only, kept as
    /// JSON by Quartz's System.Text.Json serializer.
    /// </summary>
    public static void UseClusteredStore(this IQuartzBuilder quartz, IConfiguration configuration)
    {
        var leaseTime = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>()?.LeaseTime ?? TimeSpan.FromSeconds(15);
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(configuration["Storage:ConnectionString"] ?? "");
            store.UseSystemTextJsonSerializer();
            store.ProvisionSchema();
            // A dead node's triggers move about as fast as its leases do.
            store.UseClustering(c =>
            {
                c.CheckinInterval = leaseTime / 3;
                c.CheckinMisfireThreshold = leaseTime / 3;
            });
        });
    }

    /// <summary>Quartz's scheduler name: shared by every node of a cluster, unique per host otherwise.</summary>
    public static void NameScheduler(System.Collections.Specialized.NameValueCollection properties, IConfiguration configuration)
    {
        if (ClusterOptions.IsEnabled(configuration))
        {
            properties["quartz.scheduler.instanceName"] = "OpinionBot";
            properties["quartz.scheduler.instanceId"] = ClusterOptions.NodeNameFrom(configuration);
        }
        else
        {
            // Quartz registers schedulers process-wide by name: a unique name keeps two hosts in one process (the
            // end-to-end tests run several) from ever finding each other's scheduler.
            properties["quartz.scheduler.instanceName"] = $"OpinionBot-{Guid.NewGuid():N}";
        }
    }
}
