using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Sources;
using Serilog;

// Native AOT only: Telegram.Bot's generated JSON contracts before reflection (nothing changes in the JIT build).
OpinionBot.Chat.TelegramJson.UseGeneratedContractsWithoutJit();

// `check <url> …` tries a source once and exits; it needs no Telegram settings, so it runs before the host is built.
if (args.Length > 0 && args[0] == "check")
{
    return await CheckCommand.RunAsync(args[1..], Console.Out, CancellationToken.None);
}

// `health [address]` asks a running worker's /healthz (container health checks have no curl).
if (args.Length > 0 && args[0] == "health")
{
    return await OpinionBot.Monitoring.HealthProbe.RunAsync(args[1..], Console.Out, CancellationToken.None);
}

// `migrate --from FILE` copies a LiteDB file into the configured (PostgreSQL) database and exits.
if (args.Length > 0 && args[0] == "migrate")
{
    return await OpinionBot.Hosting.MigrateCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    using var host = OpinionBotHost.CreateBuilder(args).Build();
    // Check every setting before anything starts, so a settings problem is reported alone, without a stack trace.
    host.Services.GetService<IStartupValidator>()?.Validate();
    await host.RunAsync();
    return 0;
}
catch (Exception ex) when (SettingsProblems.From(ex) is { Count: > 0 } problems)
{
    // A settings problem is the user's to fix: one clear sentence per problem, no stack trace.
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync(problem);
    }

    return 2;
}
catch (Exception ex)
{
    Log.Fatal(ex, "OpinionBot stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
