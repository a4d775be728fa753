using System.Diagnostics;
using OpinionBot.Hosting;
using OpinionBot.LoadRun;

// dotnet run -c Release --project bench/OpinionBot.LoadRun -- --sources 1000 [--hosts 50] [--minutes 3] [--phase all|rounds|steady|idle|hold|matching|alone|smoke] [--worker published/OpinionBot] [--verbose] [--linger S] [--trace-loads] [--timeline FILE] [--allocations]
var options = LoadOptions.Parse(args);
if (options.World)
{
    await World.RunAsync(options.Sources, options.Hosts);
    return 0;
}

// The worker ships with runtime settings .NET reads only from the environment (Hosting/RuntimeEnvironment.cs, set by
// deploy/opinionbot.service and deploy/Dockerfile; why: src/OpinionBot/RuntimeSettings.props). Without them the load
// run restarts itself with them, so that it measures the runtime the worker ships with (its world and a published
// worker it starts inherit them too). Set one yourself to measure without: DOTNET_TC_CallCountingDelayMs=64 and
// DOTNET_GCgen0size=0 are .NET's defaults.
var missing = RuntimeEnvironment.Shipped.Where(s => Environment.GetEnvironmentVariable(s.Key) is null).ToList();
if (missing.Count > 0)
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

    foreach (var (name, value) in missing)
    {
        start.Environment[name] = value;
    }

    using var restarted = Process.Start(start)!;
    await restarted.WaitForExitAsync();
    return restarted.ExitCode;
}

return await new LoadRun(options).RunAsync();
