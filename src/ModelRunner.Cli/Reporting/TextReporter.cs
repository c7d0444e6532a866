using System.Globalization;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Reporting;

/// <summary>dbt-style progress lines for people: one when a node starts, one when it ends, then a summary.</summary>
public sealed class TextReporter(TextWriter output, TextWriter error) : IRunReporter
{
    private readonly object _lock = new();

    public void Info(string message) => Write(output, message);
    public void Warning(string message) => Write(error, "warning: " + message);

    public void NodeStarted(int index, int total, RunItem item) =>
        Write(output, Dots($"{index} of {total} START {item.Kind} {item.Target}", "[RUN]"));

    public void NodeFinished(int index, int total, NodeResult result)
    {
        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var (word, status) = result.Status switch
        {
            NodeStatus.Success => ("OK", $"[{result.Message.Split('\n')[0]}{(result.Rows is { } r ? $" {r} rows" : "")} in {seconds}s]"),
            NodeStatus.Error => ("ERROR", $"[ERROR in {seconds}s]"),
            NodeStatus.Pass => ("PASS", $"[PASS in {seconds}s]"),
            NodeStatus.Warn => ("WARN", $"[WARN {result.Failures} in {seconds}s]"),
            NodeStatus.Fail => ("FAIL", $"[FAIL {result.Failures} in {seconds}s]"),
            NodeStatus.Cancelled => ("CANCELLED", "[CANCELLED]"),
            NodeStatus.Reused => ("REUSED", "[REUSED]"),
            _ => ("SKIP", "[SKIP]"),
        };
        var what = result.Materialization switch { "test" => $"test {result.Name}", "unit_test" => $"unit test {result.Relation}::{result.Name}", var m => $"{m} {result.Relation}" };
        Write(output, Dots($"{index} of {total} {word} {what}", status));
    }

    public void RunFinished(RunResults results)
    {
        var seconds = results.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        // Hooks (operations) are not nodes: counted apart, and in the totals only when one failed.
        var nodes = results.Nodes.Where(n => n.Materialization != "operation").ToList();
        var hooks = results.Nodes.Length - nodes.Count;
        var hookErrors = results.Nodes.Count(n => n.Materialization == "operation" && n.Status == NodeStatus.Error);
        Write(output, "");
        Write(output, $"Finished running {nodes.Count} node(s){(hooks > 0 ? $" and {hooks} hook(s)" : "")} in {seconds}s.");
        foreach (var failed in results.Nodes.Where(n => n.Status is NodeStatus.Error or NodeStatus.Fail or NodeStatus.Warn))
            Write(output, $"  {(failed.Status == NodeStatus.Warn ? "Warning" : "Failure")}: {failed.Message.Replace("\n", "\n  ")}");
        int Count(params NodeStatus[] statuses) => nodes.Count(n => statuses.Contains(n.Status));
        Write(output, $"Done. PASS={Count(NodeStatus.Success, NodeStatus.Pass)} WARN={Count(NodeStatus.Warn)} ERROR={Count(NodeStatus.Error, NodeStatus.Fail)} "
            + $"SKIP={Count(NodeStatus.Skipped)}{(Count(NodeStatus.Cancelled) > 0 ? $" CANCELLED={Count(NodeStatus.Cancelled)}" : "")}"
            + $"{(Count(NodeStatus.Reused) > 0 ? $" REUSED={Count(NodeStatus.Reused)}" : "")} TOTAL={nodes.Count}"
            + (hookErrors > 0 ? $" HOOK ERRORS={hookErrors}" : ""));
        foreach (var h in results.Health)
        {
            var facts = new List<string> { $"{h.Events:N0} event(s), {h.NewEvents:N0} new" };
            if (h.NewModels is not null) facts.Add($"new models (backfilled from the start date): {Few(h.NewModels)}");
            if (h.OutOfSync is not null) facts.Add($"out of sync: {Few(h.OutOfSync)}");
            if (h.LateEvents + h.QuarantinedEvents > 0) facts.Add($"dropped: {h.LateEvents} late, {h.QuarantinedEvents} quarantined");
            Write(output, $"Run health of {h.Package}{(h.Keyhole ? " (keyhole)" : "")}: window [{RunHealthCheck.Format(h.LowerLimit)}, "
                + $"{RunHealthCheck.Format(h.UpperLimit)}], {string.Join("; ", facts)}");
            foreach (var warning in h.Warnings) Write(error, "  Warning: " + warning);
        }
    }

    /// <summary>A list of names cut to its first three (all of them are in run_results.json).</summary>
    private static string Few(string list)
    {
        var items = list.Split(", ");
        return items.Length <= 3 ? list : $"{string.Join(", ", items.Take(3))} and {items.Length - 3} more";
    }

    private static string Dots(string left, string right)
    {
        var pad = Math.Max(3, 80 - left.Length - right.Length - 2);
        return $"{left} {new string('.', pad)} {right}";
    }

    private void Write(TextWriter writer, string line)
    {
        lock (_lock) writer.WriteLine(line.Length == 0 ? "" : $"{DateTime.Now:HH:mm:ss}  {line}");
    }
}
