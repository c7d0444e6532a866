namespace ModelRunner.Core.Materializations;

/// <summary>A table rebuilt from scratch on every run.</summary>
public sealed class TableMaterialization : IMaterialization
{
    public string Name => "table";

    public MaterializationResult Execute(MaterializationContext context) => TableBuilder.Build(context, context.Node.Sql);
}
