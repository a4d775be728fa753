using System.Diagnostics;
using OpinionBot.LoadRun;

// dotnet run -c Release --project bench/OpinionBot.LoadRun -- --sources 1000 [--hosts 50] [--minutes 3] [--phase all|rounds|steady|idle|hold|matching|alone|smoke] [--worker published/OpinionBot] [--verbose] [--linger S] [--trace-loads]
var options = LoadOptions.Parse(args);
if (options.World)
{
    await World.RunAsync(options.Sources, options.Hosts);
    return 0;
}

// The worker ships with DOTNET_TC_CallCountingDelayMs=0 (deploy/opinionbot.service, deploy/Dockerfile): a runtime
// setting .NET reads only from the environment (see src/OpinionBot/RuntimeSettings.props). Without it the load run
// restarts itself with it, so that it measures the runtime the worker ships with (its world and a published worker it
// starts inherit it too). Set it yourself to measure without: 64 is .NET's default (the value is hexadecimal: 100 ms).
if (Environment.GetEnvironmentVariable(LoadRun.CallCountingDelay) is null)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        start.ArgumentList.Add(typeof(LoadRun).Assembly.Location);
    }

    foreach (var arg in args)
    {
        start.ArgumentList.Add(arg);
    }

    start.Environment[LoadRun.CallCountingDelay] = "0";
    using var restarted = Process.Start(start)!;
    await restarted.WaitForExitAsync();
    return restarted.ExitCode;
}

return await new LoadRun(options).RunAsync();
