using System.Collections.Immutable;
using System.Globalization;
using ModelRunner.Core.Project;

namespace ModelRunner.Core.Engines;

/// <summary>
/// How a model's table is laid out, from its config: partition_by, cluster_by, tblproperties, zorder_by. An engine
/// applies what it has (Delta on Databricks) and ignores the rest (DuckDB).
/// </summary>
public sealed record TableOptions(
    ImmutableArray<string> PartitionBy,
    ImmutableArray<string> ClusterBy,
    ImmutableDictionary<string, string> Properties,
    ImmutableArray<string> ZOrderBy)
{
    public static readonly TableOptions None = new([], [], ImmutableDictionary<string, string>.Empty, []);

    public static TableOptions From(NodeConfig config) => new(
        config.PartitionBy,
        config.GetStrings("cluster_by"),
        config["tblproperties"] is IDictionary<string, object?> properties
            ? properties.ToImmutableDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "")
            : ImmutableDictionary<string, string>.Empty,
        config.GetStrings("zorder_by"));
}
