using System.Collections.Immutable;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Running;

namespace ModelRunner.Core.Materializations;

/// <summary>
/// Builds a full table from a query without ever exposing a half-built or missing table: where CREATE OR
/// REPLACE TABLE is atomic it is used directly; otherwise the table is built under a scratch name and swapped
/// in one transaction, so a failed build leaves the previous table as it was.
/// </summary>
public static class TableBuilder
{
    public static BuildPlan Plan(PlanContext context, string query)
    {
        var (dialect, relation) = (context.Dialect, context.Relation);
        var options = TableOptions.From(context.Node.Node.Config);
        query = context.Clustered(query);
        var after = new SqlStep(dialect.AfterBuild(relation, options).ToImmutableArray());
        if (context.Capabilities.AtomicCreateOrReplaceTable)
        {
            var replace = new List<string>();
            if (context.Target == TargetState.View) replace.Add(dialect.Drop(relation, RelationKind.View));
            replace.Add(dialect.CreateOrReplaceTableAs(relation, query, options));
            // The rows come from the statement's answer where the engine gives them (DuckDB's CREATE TABLE … AS does), else a count.
            return new BuildPlan([new SqlStep([.. replace], Atomic: true, Writes: relation), after], RelationKind.Table, "CREATE TABLE", []);
        }

        var scratch = context.Scratch("tmp");
        return new BuildPlan(
        [
            new SqlStep(dialect.Drop(scratch, RelationKind.Table)),
            new SqlStep(dialect.CreateTableAs(scratch, query, options)),
            new CountStep(scratch),
            new SqlStep(Swap(dialect, scratch, relation, context.Target), Atomic: true),
            after,
        ], RelationKind.Table, "CREATE TABLE", [scratch]);
    }

    /// <summary>The statements that put a built table in the place of <paramref name="relation"/> in one unit of work.</summary>
    private static ImmutableArray<string> Swap(SqlDialect dialect, Relation staging, Relation relation, TargetState target)
    {
        var swap = ImmutableArray.CreateBuilder<string>();
        switch (target)
        {
            case TargetState.Table: swap.Add(dialect.Drop(relation, RelationKind.Table)); break;
            case TargetState.View: swap.Add(dialect.Drop(relation, RelationKind.View)); break;
            case TargetState.DecidedAtRunTime: swap.Add(dialect.Drop(relation, RelationKind.Table)); break; // "if exists"
        }
        swap.Add(dialect.Rename(staging, relation.Identifier, RelationKind.Table));
        return swap.ToImmutable();
    }

    /// <summary>Swaps a built table in for <paramref name="relation"/> in one unit of work (write-audit-publish).</summary>
    public static void Publish(IEngineSession session, SqlDialect dialect, Relation staging, Relation relation, RelationCatalog relations)
    {
        var target = relations.KindOf(relation) switch
        {
            RelationKind.Table => TargetState.Table,
            RelationKind.View => TargetState.View,
            _ => TargetState.Missing,
        };
        session.ExecuteAtomically(Swap(dialect, staging, relation, target));
        relations.Record(staging, RelationKind.None);
        relations.Record(relation, RelationKind.Table);
    }

    public static long? CountRows(IEngineSession session, SqlDialect dialect, Relation relation)
    {
        var result = session.Query($"select count(*) from {dialect.Render(relation)}");
        return result.Rows.Count == 1 ? Convert.ToInt64(result.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public static void TryDrop(IEngineSession session, SqlDialect dialect, Relation relation)
    {
        try { session.Execute(dialect.Drop(relation, RelationKind.Table)); }
        catch (EngineException) { /* best effort: the original error is the one to report */ }
    }
}
