using System.Collections.Concurrent;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Testing;

namespace ModelRunner.Core.Running;

/// <summary>
/// Write-audit-publish (`build --audit`): the model is built into its staging relation (an incremental model
/// first copies the published table there, then applies its new rows), its tests run against staging, and only
/// when none fails is staging swapped in, in one unit of work. Otherwise the published relation is untouched
/// and staging is kept for inspection.
/// </summary>
public sealed class AuditRunner(NodeExecutor executor, DataTestExecutor tests, SqlDialect dialect, Action<CompiledTest, NodeResult> testFinished)
{
    public const string StagingSuffix = "__mr_audit";

    public static Relation StagingOf(Relation relation) => relation.WithIdentifier(relation.Identifier + StagingSuffix);

    public NodeResult Execute(ModelStep step, int worker, ConcurrentBag<NodeResult> testResults)
    {
        var audit = step.Audit!;
        var node = step.Node;
        var session = executor.SessionFor(worker);
        var built = executor.Execute(node with { PreHooks = audit.PreHooks, PostHooks = audit.PostHooks }, worker, audit.Staging, staging =>
        {
            staging.Execute(dialect.Drop(audit.Staging, RelationKind.Table));
            if (node.IsIncremental)
                staging.Execute(dialect.CreateTableAs(audit.Staging, $"select * from {dialect.Render(node.Relation)}"));
        });
        if (built.Status != NodeStatus.Success) return built;

        var failed = new List<string>();
        foreach (var test in audit.Tests)
        {
            var result = tests.Execute(test, session, worker);
            testResults.Add(result);
            testFinished(test, result);
            if (!result.Succeeded) failed.Add(test.Test.Name);
        }
        if (failed.Count > 0)
            return built with
            {
                Status = NodeStatus.Error,
                Message = $"model '{node.Node.Name}' was not published: {failed.Count} test(s) failed ({string.Join(", ", failed)}). "
                    + $"{node.Relation} is unchanged; the audited build is kept in {audit.Staging} for inspection",
            };
        try
        {
            TableBuilder.Publish(session, dialect, audit.Staging, node.Relation, executor.Relations);
        }
        catch (EngineException e)
        {
            return built with { Status = NodeStatus.Error, Message = $"model '{node.Node.Name}' passed its tests but could not be published: {e.Message}" };
        }
        return built with { Message = $"{built.Message} (audited: {audit.Tests.Length} test(s) passed, published)" };
    }
}
