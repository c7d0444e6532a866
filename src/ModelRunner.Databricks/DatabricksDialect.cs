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

    public override bool BackslashEscapesInStrings => true;

    // Delta keeps deleted rows in older data files (and deletion vectors) until the table is rewritten, then until those
    // files are vacuumed after the retention period: an erasure is physical only after both.
    public override IReadOnlyList<string> PurgeDeleted(IReadOnlyList<Relation> relations) =>
        relations.Select(r => $"REORG TABLE {Render(r)} APPLY (PURGE)").ToList();

    public override IReadOnlyList<string> PurgeAfterRetention(IReadOnlyList<Relation> relations) =>
        relations.Select(r => $"VACUUM {Render(r)}").ToList();

    public override string CreateTableAs(Relation relation, string sql, TableOptions? options = null, bool ifNotExists = false) =>
        $"create table {(ifNotExists ? "if not exists " : "")}{Render(relation)} using delta{Layout(options)} as\n{sql}";

    /// <summary>
    /// Delta's MERGE of every column by name (UPDATE SET * / INSERT * name the target's columns, so columns only the new
    /// rows have are left out, as on_schema_change ignore says), WITH SCHEMA EVOLUTION adding them instead.
    /// </summary>
    public override string MergeByName(Relation target, Relation source, IReadOnlyList<string> keys, IReadOnlyList<string>? predicates, bool evolveSchema)
    {
        var on = KeysEqual(keys, "target", "source")
            + Predicates(predicates, "target", "source", target, source);
        return $"merge {(evolveSchema ? "with schema evolution " : "")}into {Render(target)} as target\nusing {Render(source)} as source\non {on}\n"
            + "when matched then update set *\nwhen not matched then insert *";
    }

    /// <summary>An insert by column name, as a MERGE that matches nothing, so it names columns as <see cref="MergeByName"/> does.</summary>
    public override string InsertByName(Relation target, Relation source, bool evolveSchema) =>
        $"merge {(evolveSchema ? "with schema evolution " : "")}into {Render(target)} as target\nusing {Render(source)} as source\non false\n"
        + "when not matched then insert *";

    /// <summary>Unity Catalog's information schema, of the relation's catalog (names are stored lower case).</summary>
    public override string CountTables(Relation relation, string alias) =>
        $"select count(*) as {QuoteIdentifier(alias)} from {InformationSchema(relation)}.tables\n"
        + $"where table_schema = {QuoteString(relation.Schema.ToLowerInvariant())} and table_name = {QuoteString(relation.Identifier.ToLowerInvariant())}";

    public override string FailWhenColumnsDiffer(Relation target, Relation source, string message)
    {
        string Columns(Relation r) => $"select column_name from {InformationSchema(r)}.columns "
            + $"where table_schema = {QuoteString(r.Schema.ToLowerInvariant())} and table_name = {QuoteString(r.Identifier.ToLowerInvariant())}";
        return $"select raise_error({QuoteString(message)}) from (\n"
            + $"  ({Columns(target)}\n  except {Columns(source)})\n  union all\n  ({Columns(source)}\n  except {Columns(target)})\n) as differences";
    }

    private string InformationSchema(Relation relation) =>
        (relation.Database is null ? "" : QuoteIdentifier(relation.Database) + ".") + "information_schema";

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
        var on = KeysEqual(keys, "target", "source")
            + Predicates(predicates, "target", "source", target, source);
        return $"merge into {Render(target)} as target\nusing (select distinct {ColumnList(keys)} from {Render(source)}) as source\non {on}\n"
            + "when matched then delete";
    }

    /// <summary>
    /// delete+insert in one atomic statement: the target rows whose key (and the incremental predicates) match a new row
    /// are replaced by the new rows. Keys compare with '=', as the DELETE of delete+insert does (a null key replaces nothing).
    /// </summary>
    public override string InsertReplaceOn(Relation target, Relation source, IReadOnlyList<string> keys, IReadOnlyList<string> columns,
        IReadOnlyList<string>? predicates = null)
    {
        var on = KeysEqual(keys, "target", "source")
            + Predicates(predicates, "target", "source", target, source);
        var list = ColumnList(columns);
        return $"insert into {Render(target)} ({list}) as target\nreplace on {on}\n(select {list} from {Render(source)}) as source";
    }

    public override string AddColumn(Relation relation, ColumnInfo column) =>
        $"alter table {Render(relation)} add columns ({QuoteIdentifier(column.Name)} {column.DataType})";
}
