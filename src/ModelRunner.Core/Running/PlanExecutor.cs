using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;

namespace ModelRunner.Core.Running;

/// <summary>
/// Runs a materialization's plan on a session: statements (atomic ones as one unit of work), row counts, and the
/// reads a decision needs while the build runs. A failing step drops the plan's scratch relations (best effort) and
/// its error is the one reported; the relation catalog is told what was built.
/// </summary>
public static class PlanExecutor
{
    public static MaterializationResult Execute(BuildPlan plan, IEngineSession session, SqlDialect dialect, RelationCatalog relations, Relation relation)
    {
        long? rows = null;
        void Run(IEnumerable<BuildStep> steps)
        {
            foreach (var step in steps)
            {
                switch (step)
                {
                    case SqlStep { Statements.IsDefaultOrEmpty: true }:
                        break;
                    case SqlStep { Atomic: true } sql:
                        var written = session.ExecuteAtomically(sql.Statements);
                        if (sql.Writes is { } writes)
                            rows = written >= 0 ? written : sql.CountWhenUnreported ? TableBuilder.CountRows(session, dialect, writes) : null;
                        break;
                    case SqlStep sql:
                        foreach (var statement in sql.Statements) session.Execute(statement);
                        break;
                    case CountStep count:
                        rows = TableBuilder.CountRows(session, dialect, count.Relation);
                        break;
                    case ReadStep read:
                        Run(read.Then(session));
                        break;
                    default:
                        throw new InvalidOperationException($"unknown build step {step.GetType().Name}");
                }
            }
        }

        try
        {
            Run(plan.Steps);
        }
        catch
        {
            foreach (var scratch in plan.Scratch) TableBuilder.TryDrop(session, dialect, scratch);
            throw;
        }
        foreach (var scratch in plan.Scratch) relations.Record(scratch, RelationKind.None);
        if (plan.Produces != RelationKind.None) relations.Record(relation, plan.Produces);
        return new MaterializationResult(rows, plan.Message);
    }

    /// <summary>What the run knows of a relation, as a plan's target state.</summary>
    public static TargetState StateOf(RelationCatalog relations, Relation relation) => relations.KindOf(relation) switch
    {
        RelationKind.Table => TargetState.Table,
        RelationKind.View => TargetState.View,
        _ => TargetState.Missing,
    };
}
