using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Project;
using ModelRunner.Core.Running;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// Each statement or query is a round trip to the warehouse. The run lists a schema's tables with their columns in one
/// query, so an incremental build whose table exists (on_schema_change ignore) sends three statements: its new rows,
/// the apply (delete+insert as one INSERT … REPLACE ON), the drop of its new rows; the figure it reports is the one
/// Delta's answer to the apply gives, not a count.
/// </summary>
public class AnIncrementalBuildTakesThreeRoundTrips
{
    private sealed class Warehouse : IStatementClient
    {
        public List<string> Sent { get; } = [];
        public long Execute(string sql, params object?[] parameters)
        {
            Sent.Add(sql);
            return 0;
        }

        public QueryResult Query(string sql, int? maxRows = null, params object?[] parameters)
        {
            Sent.Add(sql);
            if (sql.Contains("information_schema.tables", StringComparison.Ordinal))
                return new QueryResult(["table_name", "table_type", "column_name", "full_data_type"],
                [
                    ["daily", "MANAGED", "day", "date"], ["daily", "MANAGED", "app", "string"], ["daily", "MANAGED", "n", "bigint"],
                    ["empty_view", "VIEW", null, null],
                ]);
            if (sql.Contains("information_schema.columns", StringComparison.Ordinal))
                return new QueryResult(["table_schema", "table_name", "column_name", "full_data_type"],
                    [["analytics", "daily", "day", "date"], ["analytics", "daily__mr_new", "day", "date"]]);
            return sql.StartsWith("insert into", StringComparison.Ordinal)
                ? new QueryResult(["num_affected_rows", "num_inserted_rows"], [[7L, 7L]])
                : new QueryResult(["n"], [[0L]]);
        }

        public void Cancel() { }
        public void Dispose() { }
    }

    private static (Warehouse Warehouse, MaterializationResult Result) Build(EngineCapabilities capabilities, string onSchemaChange = "ignore")
    {
        var warehouse = new Warehouse();
        var dialect = new DatabricksDialect();
        IEngineSession session = new DatabricksSession(warehouse, "main", dialect);
        var catalog = RelationCatalog.FromSession(session);
        var config = NodeConfig.Empty.With(new Dictionary<string, object?>
        {
            ["materialized"] = "incremental", ["unique_key"] = "day", ["incremental_strategy"] = "delete+insert", ["on_schema_change"] = onSchemaChange,
        });
        var node = new ProjectNode(NodeKind.Model, "daily", "models/daily.sql", "/p/models/daily.sql", config, null, [], [], null, [], []);
        var relation = new Relation("main", "analytics", "daily");
        var compiled = new CompiledNode(node, relation, "select day, app, count(*) as n from events group by all\n", true, [], []);
        var plan = MaterializationRegistry.Default().Get("incremental", node.RelativePath, node.Name).Plan(new PlanContext(compiled, dialect, capabilities,
            PlanExecutor.StateOf(catalog, relation), TableColumns: catalog.ColumnsOf(relation)));
        return (warehouse, PlanExecutor.Execute(plan, session, dialect, catalog, relation));
    }

    [Fact]
    public void The_schema_listing_brings_the_tables_columns_and_the_build_sends_three_statements()
    {
        var (warehouse, result) = Build(DatabricksEngineFactory.DatabricksCapabilities);
        Assert.Contains("information_schema.tables", warehouse.Sent[0]);
        var statements = warehouse.Sent.Skip(1).ToList();
        Assert.Equal(3, statements.Count);
        Assert.StartsWith("create or replace table `main`.`analytics`.`daily__mr_new`", statements[0]);
        Assert.Equal("insert into `main`.`analytics`.`daily` (`day`, `app`, `n`) as target\nreplace on target.`day` = source.`day`\n"
            + "(select `day`, `app`, `n` from `main`.`analytics`.`daily__mr_new`) as source", statements[1]);
        Assert.StartsWith("drop table if exists `main`.`analytics`.`daily__mr_new`", statements[2]);
        Assert.Equal(7, result.Rows);
    }

    [Fact]
    public void Without_replace_on_the_delete_and_the_insert_are_two_statements()
    {
        var (warehouse, result) = Build(DatabricksEngineFactory.DatabricksCapabilities with { InsertReplaceOn = false });
        var statements = warehouse.Sent.Skip(1).ToList();
        Assert.Equal(4, statements.Count);
        Assert.StartsWith("merge into `main`.`analytics`.`daily` as target", statements[1]);
        Assert.Contains("when matched then delete", statements[1]);
        Assert.StartsWith("insert into `main`.`analytics`.`daily` (`day`, `app`, `n`)\nselect", statements[2]);
        Assert.Equal(7, result.Rows);
    }

    [Fact]
    public void Other_schema_change_settings_still_compare_both_column_lists()
    {
        var (warehouse, _) = Build(DatabricksEngineFactory.DatabricksCapabilities, "append_new_columns");
        Assert.Contains(warehouse.Sent, sql => sql.Contains("information_schema.columns", StringComparison.Ordinal) && !sql.Contains("information_schema.tables", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "num_affected_rows", "num_updated_rows", "num_deleted_rows", "num_inserted_rows" }, new long[] { 9, 4, 0, 5 }, 9)]
    [InlineData(new[] { "num_affected_rows", "num_inserted_rows" }, new long[] { 12, 7 }, 7)]
    [InlineData(new[] { "num_affected_rows" }, new long[] { 3 }, 3)]
    [InlineData(new[] { "result" }, new long[] { 1 }, -1)]
    public void A_dml_answer_says_how_many_rows_were_written(string[] columns, long[] values, long written)
    {
        Assert.Equal(written, DatabricksSession.RowsWritten(new QueryResult(columns, [values.Cast<object?>().ToArray()])));
    }

    [Fact]
    public void A_target_on_an_older_runtime_turns_replace_on_off()
    {
        var settings = new Dictionary<string, object?> { ["host"] = "h.example.com", ["http_path"] = "/sql/1.0/warehouses/x", ["token"] = "t", ["insert_replace_on"] = false };
        var target = new TargetSettings("p", "prod", "databricks", "analytics", "main", 1, settings.ToImmutableDictionary(), "profiles.yml");
        Assert.False(DatabricksTarget.Read(target).InsertReplaceOn);
        var wrong = target with { Settings = settings.ToImmutableDictionary().SetItem("insert_replace_on", "sometimes") };
        var error = Assert.Throws<ProjectException>(() => DatabricksTarget.Read(wrong));
        Assert.Contains("insert_replace_on must be true or false, not 'sometimes'", error.Message);
    }
}
