using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;

namespace ModelRunner.Core.Running;

/// <summary>
/// Executes one compiled node on a worker's session: pre-hooks, its materialization, post-hooks.
/// A database error becomes the node's error result naming the model, its compiled SQL and the database's message.
/// </summary>
public sealed class NodeExecutor : IDisposable
{
    private readonly IEngine _engine;
    private readonly MaterializationRegistry _materializations;
    private readonly ConcurrentDictionary<int, IEngineSession> _sessions = new();
    private readonly Func<CompiledNode, string?> _compiledPath;

    public NodeExecutor(IEngine engine, MaterializationRegistry materializations, Func<CompiledNode, string?> compiledPath,
        RelationCatalog relations)
    {
        _engine = engine;
        _materializations = materializations;
        _compiledPath = compiledPath;
        Relations = relations;
    }

    /// <summary>The run's relation catalog, which materializations ask instead of the database.</summary>
    public RelationCatalog Relations { get; }

    /// <summary>The session of a worker (opened on first use, kept for the run).</summary>
    public IEngineSession SessionFor(int worker) => _sessions.GetOrAdd(worker, _ => _engine.OpenSession());

    /// <summary>Stops the statements the workers are running (the run was cancelled).</summary>
    public void CancelAll()
    {
        foreach (var session in _sessions.Values) session.Cancel();
    }

    /// <summary>Builds the node; <paramref name="into"/> redirects it to a staging relation, prepared by <paramref name="prepare"/>.</summary>
    public NodeResult Execute(CompiledNode node, int worker, Relation? into = null, Action<IEngineSession>? prepare = null)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var materialization = _materializations.Get(node.Node.Config.Materialized, node.Node.RelativePath, node.Node.Name);
        var session = new RecordingSession(SessionFor(worker));
        try
        {
            if (!materialization.Executes)
                return Result(node, NodeStatus.Success, null, "EPHEMERAL (inlined)", clock, session, started, worker);
            if (prepare is not null)
            {
                prepare(session);
                Relations.Forget(into ?? node.Relation);
            }
            RunHooks(session, node.PreHooks);
            var relation = into ?? node.Relation;
            var plan = materialization.Plan(new PlanContext(node, _engine.Dialect, _engine.Capabilities, PlanExecutor.StateOf(Relations, relation), into,
                TableColumns: Relations.ColumnsOf(relation)));
            var outcome = PlanExecutor.Execute(plan, session, _engine.Dialect, Relations, relation);
            RunHooks(session, node.PostHooks);
            return Result(node, NodeStatus.Success, outcome.Rows, outcome.Message, clock, session, started, worker);
        }
        catch (Exception e) when (e is EngineException or MaterializationException)
        {
            // A build that failed part way may have left anything behind (and hooks anything at all).
            Relations.ForgetAll();
            var path = _compiledPath(node);
            var message = $"{node.Node.Kind.ToString().ToLowerInvariant()} '{node.Node.Name}' ({node.Node.RelativePath}) failed: {e.Message}"
                + (path is null ? "" : $"\n  compiled SQL: {path}");
            return Result(node, NodeStatus.Error, null, message, clock, session, started, worker);
        }
    }

    /// <summary>
    /// Hooks run any SQL: what exists is read again afterwards, unless every hook only changed rows (one INSERT, UPDATE,
    /// DELETE or MERGE without schema evolution), which leaves every relation and its columns as they were.
    /// </summary>
    private void RunHooks(IEngineSession session, ImmutableArray<string> hooks)
    {
        if (hooks.IsDefaultOrEmpty) return;
        var completed = false;
        try
        {
            foreach (var hook in hooks) session.Execute(hook);
            completed = true;
        }
        finally
        {
            if (!completed || !hooks.All(HookStatements.ChangesOnlyRows)) Relations.ForgetAll();
        }
    }

    private NodeResult Result(CompiledNode node, NodeStatus status, long? rows, string message, Stopwatch clock,
        RecordingSession session, DateTimeOffset started, int worker) =>
        new(node.Node.UniqueId, node.Node.Name, node.Node.Config.Materialized, node.Relation.ToString(), status, rows, message,
            clock.Elapsed, session.DatabaseTime, started, worker, _compiledPath(node), session.Statements.ToImmutableArray());

    public void Dispose()
    {
        foreach (var session in _sessions.Values) session.Dispose();
    }
}
