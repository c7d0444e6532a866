using System.Globalization;

namespace ModelRunner.Core.Materializations;

/// <summary>A CSV file from the seed paths loaded into a table, column types overridable by <c>column_types</c>.</summary>
public sealed class SeedMaterialization : IMaterialization
{
    public string Name => "seed";

    public MaterializationResult Execute(MaterializationContext context)
    {
        var types = context.Node.Node.Config["column_types"] is IDictionary<string, object?> map
            ? map.ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "varchar")
            : new Dictionary<string, string>();
        var query = context.Dialect.ReadCsv(context.Node.Node.FullPath, types)
            ?? throw new MaterializationException("this engine cannot load CSV seeds");
        return TableBuilder.Build(context, query);
    }
}
