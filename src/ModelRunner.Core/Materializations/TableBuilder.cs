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
    public static MaterializationResult Build(MaterializationContext context, string query)
    {
        var (session, dialect, relation, capabilities) = (context.Session, context.Dialect, context.Relation, context.Capabilities);
        var existing = context.Relations.KindOf(relation);
        var options = TableOptions.From(context.Node.Node.Config);
        if (capabilities.AtomicCreateOrReplaceTable)
        {
            var statements = new List<string>();
            if (existing == RelationKind.View) statements.Add(dialect.Drop(relation, RelationKind.View));
            statements.Add(dialect.CreateOrReplaceTableAs(relation, query, options));
            session.ExecuteAtomically(statements);
            context.Relations.Record(relation, RelationKind.Table);
            foreach (var statement in dialect.AfterBuild(relation, options)) session.Execute(statement);
            return new MaterializationResult(CountRows(session, dialect, relation), "CREATE TABLE");
        }

        var scratch = context.Scratch("tmp");
        session.Execute(dialect.Drop(scratch, RelationKind.Table));
        try
        {
            session.Execute(dialect.CreateTableAs(scratch, query, options));
            var rows = CountRows(session, dialect, scratch);
            Publish(session, dialect, scratch, relation, context.Relations);
            foreach (var statement in dialect.AfterBuild(relation, options)) session.Execute(statement);
            return new MaterializationResult(rows, "CREATE TABLE");
        }
        catch
        {
            TryDrop(session, dialect, scratch);
            throw;
        }
    }

    /// <summary>Swaps a built table in for <paramref name="relation"/> in one unit of work (write-audit-publish).</summary>
    public static void Publish(IEngineSession session, SqlDialect dialect, Relation staging, Relation relation, RelationCatalog relations)
    {
        var existing = relations.KindOf(relation);
        var swap = new List<string>();
        if (existing != RelationKind.None) swap.Add(dialect.Drop(relation, existing));
        swap.Add(dialect.Rename(staging, relation.Identifier, RelationKind.Table));
        session.ExecuteAtomically(swap);
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
