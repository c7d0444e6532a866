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
            _ => ("SKIP", "[SKIP]"),
        };
        var what = result.Materialization switch { "test" => $"test {result.Name}", "unit_test" => $"unit test {result.Relation}::{result.Name}", var m => $"{m} {result.Relation}" };
        Write(output, Dots($"{index} of {total} {word} {what}", status));
    }

    public void RunFinished(RunResults results)
    {
        var seconds = results.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        Write(output, "");
        Write(output, $"Finished running {results.Nodes.Length} node(s) in {seconds}s.");
        foreach (var failed in results.Nodes.Where(n => n.Status is NodeStatus.Error or NodeStatus.Fail or NodeStatus.Warn))
            Write(output, $"  {(failed.Status == NodeStatus.Warn ? "Warning" : "Failure")}: {failed.Message.Replace("\n", "\n  ")}");
        var passed = results.Count(NodeStatus.Success) + results.Count(NodeStatus.Pass);
        var errors = results.Count(NodeStatus.Error) + results.Count(NodeStatus.Fail);
        Write(output, $"Done. PASS={passed} WARN={results.Count(NodeStatus.Warn)} ERROR={errors} SKIP={results.Count(NodeStatus.Skipped)} TOTAL={results.Nodes.Length}");
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
