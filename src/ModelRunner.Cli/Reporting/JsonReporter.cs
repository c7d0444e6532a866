using System.Text.Json;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Reporting;

/// <summary>One JSON object per line and event, for schedulers and log pipelines (--log-format json).</summary>
public sealed class JsonReporter(TextWriter output) : IRunReporter
{
    private readonly object _lock = new();

    public void Info(string message) => Emit(new { ts = Now(), level = "info", @event = "message", message });
    public void Warning(string message) => Emit(new { ts = Now(), level = "warn", @event = "message", message });

    public void NodeStarted(int index, int total, RunItem item) => Emit(new
    {
        ts = Now(), level = "info", @event = "node_started", index, total,
        unique_id = item.UniqueId, node = item.Name, kind = item.Kind, relation = item.Target,
    });

    public void NodeFinished(int index, int total, NodeResult result) => Emit(new
    {
        ts = Now(), level = result.Status switch { NodeStatus.Error or NodeStatus.Fail => "error", NodeStatus.Warn => "warn", _ => "info" },
        @event = "node_finished", index, total,
        unique_id = result.UniqueId, node = result.Name, status = result.Status.ToString().ToLowerInvariant(),
        rows = result.Rows, failures = result.Failures, seconds = Math.Round(result.Elapsed.TotalSeconds, 4), message = result.Message,
    });

    public void RunFinished(RunResults results) => Emit(new
    {
        ts = Now(), level = results.Failed ? "error" : "info", @event = "run_finished",
        success = results.Count(NodeStatus.Success), error = results.Count(NodeStatus.Error),
        pass = results.Count(NodeStatus.Pass), warn = results.Count(NodeStatus.Warn), fail = results.Count(NodeStatus.Fail),
        skipped = results.Count(NodeStatus.Skipped), seconds = Math.Round(results.Elapsed.TotalSeconds, 4),
    });

    private static string Now() => DateTimeOffset.UtcNow.ToString("O");

    private void Emit(object value)
    {
        var line = JsonSerializer.Serialize(value);
        lock (_lock) output.WriteLine(line);
    }
}
