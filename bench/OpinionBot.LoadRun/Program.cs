using OpinionBot.LoadRun;

// dotnet run -c Release --project bench/OpinionBot.LoadRun -- --sources 1000 [--hosts 50] [--minutes 3] [--phase all|rounds|steady|idle|hold|matching|alone|smoke] [--worker published/OpinionBot] [--verbose] [--linger S] [--trace-loads]
var options = LoadOptions.Parse(args);
if (options.World)
{
    await World.RunAsync(options.Sources, options.Hosts);
    return 0;
}

return await new LoadRun(options).RunAsync();
