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

    public override string CreateTableAs(Relation relation, string sql) =>
        $"create table {Render(relation)} using delta as\n{sql}";

    // Delta's CREATE OR REPLACE TABLE is atomic: readers see the old table or the new one, never none.
    public override string CreateOrReplaceTableAs(Relation relation, string sql) =>
        $"create or replace table {Render(relation)} using delta as\n{sql}";

    public override string Rename(Relation relation, string newIdentifier, RelationKind kind) =>
        $"alter {(kind == RelationKind.View ? "view" : "table")} {Render(relation)} rename to {Render(relation.WithIdentifier(newIdentifier))}";

    public override string AddColumn(Relation relation, ColumnInfo column) =>
        $"alter table {Render(relation)} add columns ({QuoteIdentifier(column.Name)} {column.DataType})";
}
