using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Materializations;

/// <summary>A view, replaced in place; a table of the same name is dropped in the same unit of work.</summary>
public sealed class ViewMaterialization : IMaterialization
{
    public string Name => "view";

    public MaterializationResult Execute(MaterializationContext context)
    {
        var (session, dialect, relation) = (context.Session, context.Dialect, context.Relation);
        var statements = new List<string>();
        if (context.Relations.KindOf(relation) == RelationKind.Table) statements.Add(dialect.Drop(relation, RelationKind.Table));
        statements.Add(dialect.CreateOrReplaceView(relation, context.Node.Sql));
        session.ExecuteAtomically(statements);
        context.Relations.Record(relation, RelationKind.View);
        return new MaterializationResult(null, "CREATE VIEW");
    }
}
