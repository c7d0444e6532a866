using ModelRunner.Core.Engines;

namespace ModelRunner.Databricks;

/// <summary>
/// Databricks SQL: backtick quoting, three-part names (catalog.schema.table), Delta tables. Everything that differs
/// from the ANSI defaults of <see cref="SqlDialect"/> is here.
/// </summary>
public sealed class DatabricksDialect : SqlDialect
{
    public override string QuoteIdentifier(string identifier) => "`" + identifier.Replace("`", "``") + "`";

    public override string QuoteString(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    public override string CreateTableAs(Relation relation, string sql, TableOptions? options = null, bool ifNotExists = false) =>
        $"create table {(ifNotExists ? "if not exists " : "")}{Render(relation)} using delta{Layout(options)} as\n{sql}";

    /// <summary>Delta's MERGE of every column by name (UPDATE SET * / INSERT *), for callers that do not know the columns.</summary>
    public string MergeAllColumns(Relation target, Relation source, IReadOnlyList<string> keys, IReadOnlyList<string>? predicates = null)
    {
        var on = string.Join(" and ", keys.Select(k => $"target.{QuoteIdentifier(k)} = source.{QuoteIdentifier(k)}"))
            + Predicates(predicates, "target", "source", target, source);
        return $"merge into {Render(target)} as target using {Render(source)} as source on {on}\n"
            + "when matched then update set * when not matched then insert *";
    }

    // Delta's CREATE OR REPLACE TABLE is atomic: readers see the old table or the new one, never none.
    public override string CreateOrReplaceTableAs(Relation relation, string sql, TableOptions? options = null) =>
        $"create or replace table {Render(relation)} using delta{Layout(options)} as\n{sql}";

    public override IReadOnlyList<string> AfterBuild(Relation relation, TableOptions options) =>
        options.ZOrderBy.IsDefaultOrEmpty ? [] : [$"optimize {Render(relation)} zorder by ({ColumnList(options.ZOrderBy)})"];

    /// <summary>PARTITIONED BY, CLUSTER BY (liquid clustering; Delta allows one of the two) and TBLPROPERTIES.</summary>
    private string Layout(TableOptions? options)
    {
        if (options is null) return "";
        if (!options.PartitionBy.IsDefaultOrEmpty && !options.ClusterBy.IsDefaultOrEmpty)
            throw new EngineException("a Delta table is either partitioned (partition_by) or clustered (cluster_by), not both");
        var layout = "";
        if (!options.PartitionBy.IsDefaultOrEmpty) layout += $" partitioned by ({ColumnList(options.PartitionBy)})";
        if (!options.ClusterBy.IsDefaultOrEmpty) layout += $" cluster by ({ColumnList(options.ClusterBy)})";
        if (options.Properties.Count > 0)
            layout += " tblproperties (" + string.Join(", ", options.Properties.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{QuoteString(p.Key)} = {QuoteString(p.Value)}")) + ")";
        return layout;
    }

    public override string Rename(Relation relation, string newIdentifier, RelationKind kind) =>
        $"alter {(kind == RelationKind.View ? "view" : "table")} {Render(relation)} rename to {Render(relation.WithIdentifier(newIdentifier))}";

    /// <summary>delete+insert's delete as a Delta MERGE … WHEN MATCHED THEN DELETE, on the distinct keys of the new rows.</summary>
    public override string DeleteMatching(Relation target, Relation source, IReadOnlyList<string> keys, IReadOnlyList<string>? predicates = null)
    {
        var on = string.Join(" and ", keys.Select(k => $"target.{QuoteIdentifier(k)} = source.{QuoteIdentifier(k)}"))
            + Predicates(predicates, "target", "source", target, source);
        return $"merge into {Render(target)} as target\nusing (select distinct {ColumnList(keys)} from {Render(source)}) as source\non {on}\n"
            + "when matched then delete";
    }

    public override string AddColumn(Relation relation, ColumnInfo column) =>
        $"alter table {Render(relation)} add columns ({QuoteIdentifier(column.Name)} {column.DataType})";
}
