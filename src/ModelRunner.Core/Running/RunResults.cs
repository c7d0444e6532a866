using System.Collections.Immutable;

namespace ModelRunner.Core.Running;

public enum NodeStatus { Success, Error, Skipped }

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
    ImmutableArray<string> Statements);

/// <summary>Every node's outcome, in completion order, and the run's wall time.</summary>
public sealed record RunResults(ImmutableArray<NodeResult> Nodes, TimeSpan Elapsed, DateTimeOffset StartedAt)
{
    public int Count(NodeStatus status) => Nodes.Count(n => n.Status == status);
    public bool Failed => Nodes.Any(n => n.Status == NodeStatus.Error);
}

/// <summary>Receives progress as the run goes; text for people, JSON lines for schedulers.</summary>
public interface IRunReporter
{
    void Info(string message);
    void Warning(string message);
    void NodeStarted(int index, int total, CompiledNode node);
    void NodeFinished(int index, int total, NodeResult result);
    void RunFinished(RunResults results);
}
