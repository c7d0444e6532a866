using System.Collections.Immutable;

namespace ModelRunner.Core.Running;

/// <summary>
/// Success, Error and Skipped are for models and seeds; Pass, Warn and Fail for tests (as in dbt's run_results); Reused
/// for the models of a package left as they are because nothing it reads changed (see <see cref="PackageReuse"/>).
/// </summary>
public enum NodeStatus { Success, Error, Skipped, Pass, Warn, Fail, Cancelled, Reused }

/// <summary>The outcome of one node in a run (one entry of run_results.json).</summary>
public sealed record NodeResult(
    string UniqueId,
    string Name,
    string Materialization,
    string Relation,
    NodeStatus Status,
    long? Rows,
    string Message,
    TimeSpan Elapsed,
    TimeSpan DatabaseTime,
    DateTimeOffset StartedAt,
    int ThreadId,
    string? CompiledPath,
    ImmutableArray<string> Statements,
    long? Failures = null)
{
    /// <summary>Whether dependants may go on: built or reused, or a test that passed or only warned.</summary>
    public bool Succeeded => Status is NodeStatus.Success or NodeStatus.Reused or NodeStatus.Pass or NodeStatus.Warn;
}

/// <summary>Every node's outcome, in completion order, and the run's wall time.</summary>
public sealed record RunResults(ImmutableArray<NodeResult> Nodes, TimeSpan Elapsed, DateTimeOffset StartedAt)
{
    /// <summary>What each package that declares run-health processed in this run, with its warnings.</summary>
    public ImmutableArray<PackageHealth> Health { get; init; } = [];

    public int Count(NodeStatus status) => Nodes.Count(n => n.Status == status);
    public bool Failed => Nodes.Any(n => n.Status is NodeStatus.Error or NodeStatus.Fail);
    /// <summary>The run was interrupted (Ctrl-C, SIGTERM): some nodes never ran or were stopped.</summary>
    public bool Cancelled => Nodes.Any(n => n.Status == NodeStatus.Cancelled);
}

/// <summary>Receives progress as the run goes; text for people, JSON lines for schedulers.</summary>
public interface IRunReporter
{
    void Info(string message);
    void Warning(string message);
    void NodeStarted(int index, int total, RunItem item);
    void NodeFinished(int index, int total, NodeResult result);
    void RunFinished(RunResults results);
}

/// <summary>A reporter that reports nothing (benchmarks, scripted runs that read the results).</summary>
public sealed class SilentReporter : IRunReporter
{
    public void Info(string message) { }
    public void Warning(string message) { }
    public void NodeStarted(int index, int total, RunItem item) { }
    public void NodeFinished(int index, int total, NodeResult result) { }
    public void RunFinished(RunResults results) { }
}
