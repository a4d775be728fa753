using Microsoft.Extensions.Configuration;

namespace OpinionBot.Hosting;

/// <summary>
/// The one settings file: <c>--config PATH</c> when given, else <c>appsettings.json</c> in the working directory.
/// Never a copy beside the binary: .NET merges lists by position, so a shipped sample would leak its topics,
/// exclusions and grades into the user's own (a user's file must be the whole truth).
/// </summary>
public static class ConfigurationFile
{
    public const string DefaultName = "appsettings.json";

    /// <summary>The file named by <c>--config PATH</c> or <c>--config=PATH</c>, else <c>./appsettings.json</c>.</summary>
    public static (string Path, bool Explicit) Resolve(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--config")
            {
                // "--config" with nothing after it names no file: report it rather than quietly read another.
                return (i + 1 < args.Count ? System.IO.Path.GetFullPath(args[i + 1]) : "", true);
            }

            if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                var named = args[i]["--config=".Length..];
                return (named.Length > 0 ? System.IO.Path.GetFullPath(named) : "", true);
            }
        }

        return (System.IO.Path.Combine(Directory.GetCurrentDirectory(), DefaultName), false);
    }

    /// <summary>Adds the settings file (required when named explicitly) and then the environment variables.</summary>
    public static IConfigurationBuilder AddOpinionBotSettings(this IConfigurationBuilder configuration, IReadOnlyList<string> args)
    {
        var (path, named) = Resolve(args);
        if (named && path.Length == 0)
        {
            throw new SettingsFileMissingException("--config needs the path of your settings file, e.g. --config /etc/opinionbot/appsettings.json.");
        }

        if (named && !File.Exists(path))
        {
            throw new SettingsFileMissingException($"--config {path}: the file does not exist; give the path of your appsettings.json.");
        }

        return configuration.AddJsonFile(path, optional: true).AddEnvironmentVariables();
    }
}

/// <summary>The file named by <c>--config</c> is not there: a settings problem, reported as one sentence.</summary>
public sealed class SettingsFileMissingException(string message) : Exception(message);
