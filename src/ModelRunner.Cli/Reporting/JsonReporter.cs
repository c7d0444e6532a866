using ModelRunner.Core.Json;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Reporting;

/// <summary>One JSON object per line and event, for schedulers and log pipelines (--log-format json).</summary>
public sealed class JsonReporter(TextWriter output) : IRunReporter
{
    private readonly object _lock = new();

    public void Info(string message) => Emit("info", "message", new() { ["message"] = message });
    public void Warning(string message) => Emit("warn", "message", new() { ["message"] = message });

    public void NodeStarted(int index, int total, RunItem item) => Emit("info", "node_started", new()
    {
        ["index"] = index, ["total"] = total,
        ["unique_id"] = item.UniqueId, ["node"] = item.Name, ["kind"] = item.Kind, ["relation"] = item.Target,
    });

    public void NodeFinished(int index, int total, NodeResult result) => Emit(
        result.Status switch { NodeStatus.Error or NodeStatus.Fail => "error", NodeStatus.Warn or NodeStatus.Cancelled => "warn", _ => "info" },
        "node_finished", new()
        {
            ["index"] = index, ["total"] = total,
            ["unique_id"] = result.UniqueId, ["node"] = result.Name, ["status"] = result.Status.ToString().ToLowerInvariant(),
            ["rows"] = result.Rows, ["failures"] = result.Failures, ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 4),
            ["message"] = result.Message,
        });

    public void RunFinished(RunResults results)
    {
        foreach (var health in results.Health) Emit(health.Warnings.IsEmpty ? "info" : "warn", "run_health", health.Fields());
        RunSummary(results);
    }

    private void RunSummary(RunResults results) => Emit(results.Failed ? "error" : "info", "run_finished", new()
    {
        ["success"] = results.Count(NodeStatus.Success), ["error"] = results.Count(NodeStatus.Error),
        ["pass"] = results.Count(NodeStatus.Pass), ["warn"] = results.Count(NodeStatus.Warn), ["fail"] = results.Count(NodeStatus.Fail),
        ["skipped"] = results.Count(NodeStatus.Skipped), ["cancelled"] = results.Count(NodeStatus.Cancelled),
        ["reused"] = results.Count(NodeStatus.Reused), ["seconds"] = Math.Round(results.Elapsed.TotalSeconds, 4),
    });

    /// <summary>ts, level and event first, then the event's own fields in the order given.</summary>
    private void Emit(string level, string name, Dictionary<string, object?> fields)
    {
        var line = Line(level, name, fields);
        lock (_lock) output.WriteLine(line);
    }

    /// <summary>One event as a JSON line: ts, level and event first, then the event's own fields (also for errors, see FailureReport).</summary>
    public static string Line(string level, string name, Dictionary<string, object?> fields)
    {
        var value = new Dictionary<string, object?> { ["ts"] = DateTimeOffset.UtcNow.ToString("O"), ["level"] = level, ["event"] = name };
        foreach (var (key, field) in fields) value[key] = field;
        return PlainJson.Serialize(value);
    }
}
