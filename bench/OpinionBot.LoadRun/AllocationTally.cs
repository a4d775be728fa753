using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace OpinionBot.LoadRun;

/// <summary>The runtime's allocation samples (one about every 100 KB), summed by kind and type, for finding what churns.</summary>
internal sealed class AllocationTally : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not "GCAllocationTick_V4" and not "GCAllocationTick_V3" || e.Payload is null)
        {
            return;
        }

        var kind = Convert.ToInt32(e.Payload[e.PayloadNames!.IndexOf("AllocationKind")], System.Globalization.CultureInfo.InvariantCulture);
        var type = e.Payload[e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is >= 0 and var at ? Convert.ToInt64(e.Payload[at], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate($"{(kind == 1 ? "LOH" : kind == 2 ? "POH" : "SOH")} {type}", amount, (_, v) => v + amount);
    }

    public void Print(int top = 40)
    {
        foreach (var (key, bytes) in _bytes.OrderByDescending(x => x.Value).Take(top))
        {
            Console.WriteLine($"  {bytes >> 20,7} MB  {key}");
        }
    }
}
