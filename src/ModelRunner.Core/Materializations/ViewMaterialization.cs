using ModelRunner.Core.Engines;

namespace ModelRunner.Core.Materializations;

/// <summary>A view, replaced in place; a table of the same name is dropped in the same unit of work.</summary>
public sealed class ViewMaterialization : IMaterialization
{
    public string Name => "view";

    public BuildPlan Plan(PlanContext context)
    {
        var (dialect, relation) = (context.Dialect, context.Relation);
        var statements = new List<string>();
        if (context.Target == TargetState.Table) statements.Add(dialect.Drop(relation, RelationKind.Table));
        statements.Add(dialect.CreateOrReplaceView(relation, context.Node.Sql));
        return new BuildPlan([new SqlStep([.. statements], Atomic: true)], RelationKind.View, "CREATE VIEW", []);
    }
}
