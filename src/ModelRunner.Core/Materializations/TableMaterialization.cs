namespace ModelRunner.Core.Materializations;

/// <summary>A table rebuilt from scratch on every run.</summary>
public sealed class TableMaterialization : IMaterialization
{
    public string Name => "table";

    public BuildPlan Plan(PlanContext context) => TableBuilder.Plan(context, context.Node.Sql);
}
