using System.Text.Json;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Reporting;

/// <summary>One JSON object per line and event, for schedulers and log pipelines (--log-format json).</summary>
public sealed class JsonReporter(TextWriter output) : IRunReporter
{
    private readonly object _lock = new();

    public void Info(string message) => Emit(new { ts = Now(), level = "info", @event = "message", message });
    public void Warning(string message) => Emit(new { ts = Now(), level = "warn", @event = "message", message });

    public void NodeStarted(int index, int total, CompiledNode node) => Emit(new
    {
        ts = Now(), level = "info", @event = "node_started", index, total,
        unique_id = node.Node.UniqueId, node = node.Node.Name, materialized = node.Node.Config.Materialized,
        relation = node.Relation.ToString(),
    });

    public void NodeFinished(int index, int total, NodeResult result) => Emit(new
    {
        ts = Now(), level = result.Status == NodeStatus.Error ? "error" : "info", @event = "node_finished", index, total,
        unique_id = result.UniqueId, node = result.Name, status = result.Status.ToString().ToLowerInvariant(),
        rows = result.Rows, seconds = Math.Round(result.Elapsed.TotalSeconds, 4), message = result.Message,
    });

    public void RunFinished(RunResults results) => Emit(new
    {
        ts = Now(), level = results.Failed ? "error" : "info", @event = "run_finished",
        success = results.Count(NodeStatus.Success), error = results.Count(NodeStatus.Error),
        skipped = results.Count(NodeStatus.Skipped), seconds = Math.Round(results.Elapsed.TotalSeconds, 4),
    });

    private static string Now() => DateTimeOffset.UtcNow.ToString("O");

    private void Emit(object value)
    {
        var line = JsonSerializer.Serialize(value);
        lock (_lock) output.WriteLine(line);
    }
}
