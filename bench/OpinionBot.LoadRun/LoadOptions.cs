using System.Globalization;

namespace OpinionBot.LoadRun;

internal sealed record LoadOptions(int Sources, int Hosts, double Minutes, string Phase, int Incidents, bool World, bool Verbose, string DatabaseFolder, int LingerSeconds, bool TraceLoads, string? Worker, string? Timeline, bool Allocations)
{
    public static LoadOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        return new LoadOptions(
            int.Parse(Value("--sources", "1000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--hosts", "50"), CultureInfo.InvariantCulture),
            double.Parse(Value("--minutes", "3"), CultureInfo.InvariantCulture),
            Value("--phase", "all"),
            int.Parse(Value("--incidents", "100000"), CultureInfo.InvariantCulture),
            args.Contains("--world"),
            args.Contains("--verbose"),
            Value("--db-dir", Path.GetTempPath()),
            int.Parse(Value("--linger", "0"), CultureInfo.InvariantCulture),
            args.Contains("--trace-loads"),
            Value("--worker", "") is { Length: > 0 } worker ? worker : null,
            Value("--timeline", "") is { Length: > 0 } timeline ? timeline : null,
            args.Contains("--allocations"));
    }
}
