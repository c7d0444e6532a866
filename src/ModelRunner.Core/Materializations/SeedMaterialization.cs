using System.Globalization;

namespace ModelRunner.Core.Materializations;

/// <summary>A CSV file from the seed paths loaded into a table, column types overridable by <c>column_types</c>.</summary>
public sealed class SeedMaterialization : IMaterialization
{
    public string Name => "seed";

    public BuildPlan Plan(PlanContext context)
    {
        // Types for columns the file has (a folder-wide column_types may name columns of other seeds).
        var header = Header(context.Node.Node.FullPath);
        var types = context.Node.Node.Config["column_types"] is IDictionary<string, object?> map
            ? map.Where(kv => header.Contains(kv.Key))
                .ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "varchar")
            : new Dictionary<string, string>();
        var query = context.Dialect.ReadCsv(context.Node.Node.FullPath, types)
            ?? throw new MaterializationException("this engine cannot load CSV seeds");
        return TableBuilder.Plan(context, query);
    }

    private static HashSet<string> Header(string path)
    {
        using var reader = new StreamReader(path);
        return (reader.ReadLine() ?? "").Split(',').Select(c => c.Trim().Trim('"')).ToHashSet(StringComparer.Ordinal);
    }
}
