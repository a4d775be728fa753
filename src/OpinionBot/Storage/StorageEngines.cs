using Microsoft.Extensions.Options;
using OpinionBot.Storage.LiteDb;
using OpinionBot.Storage.Postgres;

namespace OpinionBot.Storage;

/// <summary>Opens the configured provider.</summary>
public static class StorageEngines
{
    public static IStorageEngine Open(StorageOptions options, ILogger? logger = null) => options.IsPostgres
        ? PostgresEngine.Open(options.ConnectionString, logger)
        : new LiteEngine(options.Path);

    /// <summary>The database of the worker; with PostgreSQL, other nodes' outbox messages wake this node's sender.</summary>
    public static OpinionDatabase OpenDatabase(StorageOptions options, ILogger? logger = null)
    {
        var engine = Open(options, logger);
        var database = new OpinionDatabase(engine);
        Upgrades.Apply(database, logger);
        if (engine is PostgresEngine postgres)
        {
            postgres.OutboxNotified += database.SignalOutbox;
            postgres.StartListening();
        }

        return database;
    }
}

/// <summary>Storage:Provider is one of the two, and PostgreSQL has a connection string.</summary>
public sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!options.IsPostgres && !string.Equals(options.Provider?.Trim(), StorageOptions.LiteDb, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider '{options.Provider}' is unknown: use 'litedb' (one file, the default) or 'postgres'.");
        }

        if (options.IsPostgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "Storage:ConnectionString is missing: with Storage:Provider 'postgres' set it (or Storage__ConnectionString) to e.g. " +
                "'Host=127.0.0.1;Database=opinionbot;Username=opinionbot;Password=...'.");
        }

        return ValidateOptionsResult.Success;
    }
}
