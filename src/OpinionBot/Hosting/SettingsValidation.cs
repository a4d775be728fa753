using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Scheduling;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Text;

namespace OpinionBot.Hosting;

/// <summary>
/// Checks the settings at start. Each failure is one sentence naming the setting and how to fix it;
/// <c>Program</c> prints the first and exits non-zero.
/// </summary>
public sealed class TelegramOptionsValidation : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            return ValidateOptionsResult.Fail(
                "Telegram:Token is missing: get a token from @BotFather and set it in appsettings.json or the environment variable Telegram__Token.");
        }

        var colon = options.Token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(options.Token.AsSpan(0, colon), out _) || colon == options.Token.Length - 1)
        {
            return ValidateOptionsResult.Fail(
                "Telegram:Token is malformed: it looks like '123456789:AAE...' as given by @BotFather; check Telegram__Token or appsettings.json.");
        }

        if (!string.IsNullOrWhiteSpace(options.ApiBaseUrl) &&
            !(Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            return ValidateOptionsResult.Fail(
                $"Telegram:ApiBaseUrl '{options.ApiBaseUrl}' is not an http(s) URL: use e.g. http://127.0.0.1:8081 or remove the setting.");
        }

        return ValidateOptionsResult.Success;
    }
}

public sealed class ChatsOptionsValidation : IValidateOptions<ChatsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatsOptions options) =>
        options.Team == 0
            ? ValidateOptionsResult.Fail(
                "Chats:Team is missing: set it to the id of the team's group chat (a negative number such as -1001234567890; add the bot to the group and read the id from any update).")
            : ValidateOptionsResult.Success;
}

public sealed class MonitoringOptionsValidation : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var at = $"Sources:{i}";
            if (string.IsNullOrWhiteSpace(source.Name))
            {
                return ValidateOptionsResult.Fail($"{at}:Name is missing: give every source a short unique name.");
            }

            if (!names.Add(source.Name))
            {
                return ValidateOptionsResult.Fail($"{at}:Name '{source.Name}' is used twice: source names must be unique.");
            }

            if (SourceDefinitionCheck.Problem(source, at) is { } sourceProblem)
            {
                return ValidateOptionsResult.Fail(sourceProblem);
            }
        }

        for (var i = 0; i < options.Topics.Count; i++)
        {
            var topic = options.Topics[i];
            if (string.IsNullOrWhiteSpace(topic.Name))
            {
                return ValidateOptionsResult.Fail($"Topics:{i}:Name is missing: give every topic a name.");
            }

        }

        // Compiles every rule now, so a malformed rule stops the start with its position instead of matching nothing.
        return TopicMatcher.Validate(options.Topics, Strings.For(options.Culture)) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}

public sealed class DeadlineOptionsValidation : IValidateOptions<DeadlineOptions>
{
    public ValidateOptionsResult Validate(string? name, DeadlineOptions options)
    {
        foreach (var (setting, value) in new[]
                 {
                     ("Major", options.Major), ("Larger", options.Larger), ("General", options.General),
                     ("NegativeClaim", options.NegativeClaim), ("WatchPeriod", options.WatchPeriod), ("CheckEvery", options.CheckEvery),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                return ValidateOptionsResult.Fail($"Deadlines:{setting} must be a positive duration written as hh:mm:ss, e.g. 02:00:00.");
            }
        }

        return ValidateOptionsResult.Success;
    }
}

public sealed class SchedulingOptionsValidation : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options) =>
        SourceSchedule.TryParseTimes(options.MorningNoonEvening, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Scheduling:MorningNoonEvening is invalid: {error}; list local times such as [\"08:00\", \"12:00\", \"18:00\"] or remove the setting.");
}
