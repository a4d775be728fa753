namespace OpinionBot.Hosting;

/// <summary>
/// The runtime settings the worker ships with that .NET reads from the environment only (not from
/// runtimeconfig.json): deploy/opinionbot.service and deploy/Dockerfile set them, the load run restarts itself with
/// them, and a test keeps the three in step. Why each one: src/OpinionBot/RuntimeSettings.props.
/// </summary>
public static class RuntimeEnvironment
{
    public static readonly IReadOnlyDictionary<string, string> Shipped = new Dictionary<string, string>
    {
        // Hot code is optimized after 30 calls instead of waiting for start-up compiling to pause.
        ["DOTNET_TC_CallCountingDelayMs"] = "0",
        // A 6 MB allocation budget between young collections instead of about 16 MB (sized from the CPU's cache).
        ["DOTNET_GCgen0size"] = "0x600000",
    };
}
