using Microsoft.Extensions.Configuration;
using OpinionBot.Storage;
using OpinionBot.Storage.LiteDb;
using OpinionBot.Storage.Postgres;

namespace OpinionBot.Hosting;

/// <summary>
/// <c>migrate --from FILE [--config PATH] [--force]</c>: copies a LiteDB file's tables and files into the configured
/// database (normally PostgreSQL: <c>Storage:Provider</c> and <c>Storage:ConnectionString</c>), reports what it copied
/// and exits. Refuses a database that already holds incidents unless <c>--force</c>.
/// </summary>
public static class MigrateCommand
{
    public const string Usage = "Usage: migrate --from <LiteDB file> [--config <settings file>] [--force]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var from = Option(args, "--from");
        if (string.IsNullOrWhiteSpace(from))
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        if (!File.Exists(from))
        {
            await errors.WriteLineAsync($"--from {from}: the file does not exist; give the path of the LiteDB file to copy.");
            return 2;
        }

        try
        {
            var configuration = new ConfigurationBuilder().AddOpinionBotSettings(args).Build();
            var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
            if (new StorageOptionsValidation().Validate(null, options) is { Failed: true } invalid)
            {
                await errors.WriteLineAsync(invalid.FailureMessage);
                return 2;
            }

            if (!options.IsPostgres && Path.GetFullPath(options.Path) == Path.GetFullPath(from))
            {
                await errors.WriteLineAsync("The source is the configured database itself: set Storage:Provider to 'postgres' and Storage:ConnectionString first.");
                return 2;
            }

            using var source = new LiteEngine(from);
            using var target = StorageEngines.Open(options);
            await output.WriteLineAsync($"Copying {Path.GetFullPath(from)} into the {target.Provider} database…");
            var report = Migration.Copy(source, target, force: args.Contains("--force"));
            foreach (var (table, documents) in report.Tables)
            {
                await output.WriteLineAsync($"  {table,-20} {documents,8}");
            }

            await output.WriteLineAsync($"  {"files",-20} {report.Files,8}");
            await output.WriteLineAsync($"Done: {report.Tables.Sum(t => t.Documents)} documents and {report.Files} files copied.");
            return 0;
        }
        catch (Exception ex) when (ex is MigrationRefusedException or StorageUnavailableException or SettingsFileMissingException)
        {
            await errors.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name)
            {
                return i + 1 < args.Length ? args[i + 1] : "";
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }
}
