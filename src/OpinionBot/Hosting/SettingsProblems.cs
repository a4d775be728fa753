using Microsoft.Extensions.Options;

namespace OpinionBot.Hosting;

/// <summary>Finds the settings problems inside a startup failure (validation may report one or several).</summary>
public static class SettingsProblems
{
    public static IReadOnlyList<string> From(Exception exception) => exception switch
    {
        OptionsValidationException validation => validation.Failures.ToList(),
        SettingsFileMissingException missing => [missing.Message],
        Storage.Postgres.StorageUnavailableException unavailable => [unavailable.Message],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            aggregate.InnerExceptions.SelectMany(From).ToList(),
        _ => [],
    };
}
