using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ModelRunner.Benchmarks;

/// <summary>
/// What a phase allocates, by type: the runtime's allocation ticks (one event per ~100 KB allocated, naming the type
/// that crossed the mark) summed while <see cref="On"/>. A sample, not a count, but a large type shows as large.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    public bool On { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!On || e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.PayloadNames is null) return;
        var type = e.PayloadNames.IndexOf("TypeName");
        var amount = e.PayloadNames.IndexOf("AllocationAmount64");
        if (type < 0 || amount < 0 || e.Payload?[type] is not string name) return;
        var bytes = Convert.ToInt64(e.Payload[amount]);
        _bytesByType.AddOrUpdate(name, bytes, (_, total) => total + bytes);
    }

    /// <summary>Prints the types that took most (when on) and starts over.</summary>
    public void PrintAndReset(string phase, int top = 25)
    {
        if (!On) return;
        Console.WriteLine($"phases: allocated during {phase}, by type (sampled):");
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(top))
            Console.WriteLine($"  {bytes / 1048576.0,7:0.0} MiB  {type}");
        _bytesByType.Clear();
    }
}
