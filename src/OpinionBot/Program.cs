using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Sources;
using Serilog;

// `check <url> …` tries a source once and exits; it needs no Telegram settings, so it runs before the host is built.
if (args.Length > 0 && args[0] == "check")
{
    return await CheckCommand.RunAsync(args[1..], Console.Out, CancellationToken.None);
}

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    using var host = OpinionBotHost.CreateBuilder(args).Build();
    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // A settings problem is the user's to fix: one clear sentence, no stack trace.
    await Console.Error.WriteLineAsync(ex.Failures.FirstOrDefault() ?? ex.Message);
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
