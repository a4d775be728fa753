using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OpinionBot.Cluster;

/// <summary>
/// Cluster mode (section <c>Cluster</c>): several workers share one PostgreSQL database; leases decide which node polls
/// Telegram, which drains the outbox and which runs the duties, and Quartz's clustered store spreads the source checks.
/// Off by default: one process with LiteDB needs none of it.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    public bool Enabled { get; set; }

    /// <summary>This node's name in logs, <c>/status</c> and the lease table; unique per running worker.</summary>
    public string NodeName { get; set; } = DefaultNodeName;

    /// <summary>How long a lease lasts without renewal; the holder renews every third of it.</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The machine name and the process id: unique on one machine and readable in a log.</summary>
    public static string DefaultNodeName { get; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Whether the settings turn cluster mode on (read before the options are bound, to choose services).</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        bool.TryParse(configuration[Section + ":Enabled"], out var enabled) && enabled;

    /// <summary>The node name the settings give, for the log enricher that is set up before the options exist.</summary>
    public static string NodeNameFrom(IConfiguration configuration) =>
        configuration[Section + ":NodeName"] is { } name && !string.IsNullOrWhiteSpace(name) ? name.Trim() : DefaultNodeName;
}

/// <summary>Cluster mode needs the shared database: refused at start with one sentence saying what to set.</summary>
public sealed class ClusterOptionsValidation(IConfiguration configuration) : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (!string.Equals(configuration["Storage:Provider"]?.Trim(), "postgres", StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                "Cluster:Enabled needs the shared PostgreSQL database: set Storage:Provider to postgres and Storage:ConnectionString, or turn Cluster:Enabled off to run one worker on its LiteDB file.");
        }

        if (string.IsNullOrWhiteSpace(configuration["Storage:ConnectionString"]))
        {
            return ValidateOptionsResult.Fail(
                "Cluster:Enabled needs Storage:ConnectionString, e.g. Host=db;Database=opinionbot;Username=opinionbot;Password=…, the database every node shares.");
        }

        if (options.NodeName.Length > 100)
        {
            return ValidateOptionsResult.Fail("Cluster:NodeName must be at most 100 characters (or left out for the machine name and process id).");
        }

        return options.LeaseTime < TimeSpan.FromSeconds(3) || options.LeaseTime > TimeSpan.FromMinutes(10)
            ? ValidateOptionsResult.Fail("Cluster:LeaseTime must be between 00:00:03 and 00:10:00 (default 00:00:15): how long a dead node's work waits before another node takes it.")
            : ValidateOptionsResult.Success;
    }
}
