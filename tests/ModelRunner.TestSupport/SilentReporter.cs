using ModelRunner.Core.Running;

namespace ModelRunner.TestSupport;

/// <summary>Collects what a run reports, for assertions.</summary>
public sealed class CollectingReporter : IRunReporter
{
    public List<string> Lines { get; } = new();
    public void Info(string message) { lock (Lines) Lines.Add("info: " + message); }
    public void Warning(string message) { lock (Lines) Lines.Add("warning: " + message); }
    public void NodeStarted(int index, int total, RunItem item) { lock (Lines) Lines.Add($"start {item.Name}"); }
    public void NodeFinished(int index, int total, NodeResult result) { lock (Lines) Lines.Add($"{result.Status} {result.Name}"); }
    public void RunFinished(RunResults results) { lock (Lines) Lines.Add("finished"); }
}
