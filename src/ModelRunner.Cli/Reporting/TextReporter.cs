using System.Globalization;
using ModelRunner.Core.Running;

namespace ModelRunner.Cli.Reporting;

/// <summary>dbt-style progress lines for people: one when a node starts, one when it ends, then a summary.</summary>
public sealed class TextReporter(TextWriter output, TextWriter error) : IRunReporter
{
    private readonly object _lock = new();

    public void Info(string message) => Write(output, message);
    public void Warning(string message) => Write(error, "warning: " + message);

    public void NodeStarted(int index, int total, CompiledNode node) =>
        Write(output, Dots($"{index} of {total} START {node.Node.Config.Materialized} {node.Node.Kind.ToString().ToLowerInvariant()} {node.Relation}", "[RUN]"));

    public void NodeFinished(int index, int total, NodeResult result)
    {
        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var (word, status) = result.Status switch
        {
            NodeStatus.Success => ("OK", $"[{result.Message.Split('\n')[0]}{(result.Rows is { } r ? $" {r} rows" : "")} in {seconds}s]"),
            NodeStatus.Error => ("ERROR", $"[ERROR in {seconds}s]"),
            _ => ("SKIP", "[SKIP]"),
        };
        Write(output, Dots($"{index} of {total} {word} {result.Materialization} {result.Relation}", status));
    }

    public void RunFinished(RunResults results)
    {
        var seconds = results.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        Write(output, "");
        Write(output, $"Finished running {results.Nodes.Length} node(s) in {seconds}s.");
        foreach (var failed in results.Nodes.Where(n => n.Status == NodeStatus.Error))
            Write(output, $"  {failed.Message.Replace("\n", "\n  ")}");
        Write(output, $"Done. PASS={results.Count(NodeStatus.Success)} ERROR={results.Count(NodeStatus.Error)} SKIP={results.Count(NodeStatus.Skipped)} TOTAL={results.Nodes.Length}");
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
