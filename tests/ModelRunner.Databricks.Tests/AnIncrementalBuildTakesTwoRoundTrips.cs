using System.Collections.Immutable;
using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Project;
using ModelRunner.Core.Running;

namespace ModelRunner.Databricks.Tests;

/// <summary>
/// Each statement or query is a round trip to the warehouse. The run lists a schema's tables with their columns in one
/// query, so an incremental build whose table exists (on_schema_change ignore) sends two statements: its new rows as a
/// temporary view of the session, and the apply (delete+insert as one INSERT … REPLACE ON) that computes them; nothing
/// is written twice or dropped. The figure it reports is the one Delta's answer to the apply gives, never a count (which
/// would compute the view again, after the apply).
/// </summary>
public class AnIncrementalBuildTakesTwoRoundTrips
{
    private sealed class Warehouse(QueryResult? answer = null) : IStatementClient
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
                return new QueryResult(["table_schema", "table_name", "table_type", "column_name", "full_data_type"],
                [
                    ["analytics", "daily", "MANAGED", "day", "date"], ["analytics", "daily", "MANAGED", "app", "string"],
                    ["analytics", "daily", "MANAGED", "n", "bigint"], ["analytics", "empty_view", "VIEW", null, null],
                ]);
            if (sql.Contains("information_schema.columns", StringComparison.Ordinal))
                return new QueryResult(["table_schema", "table_name", "column_name", "full_data_type"],
                    [["analytics", "daily", "day", "date"], ["analytics", "daily__mr_new", "day", "date"]]);
            return sql.StartsWith("insert into", StringComparison.Ordinal)
                ? answer ?? new QueryResult(["num_affected_rows", "num_inserted_rows"], [[7L, 7L]])
                : new QueryResult(["n"], [[0L]]);
        }

        public void Cancel() { }
        public void Dispose() { }
    }

    private static (Warehouse Warehouse, MaterializationResult Result) Build(EngineCapabilities capabilities, string onSchemaChange = "ignore",
        QueryResult? answer = null)
    {
        var warehouse = new Warehouse(answer);
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
    public void The_schema_listing_brings_the_tables_columns_and_the_build_sends_two_statements()
    {
        var (warehouse, result) = Build(DatabricksEngineFactory.DatabricksCapabilities);
        Assert.Contains("information_schema.tables", warehouse.Sent[0]);
        var statements = warehouse.Sent.Skip(1).ToList();
        Assert.Equal(2, statements.Count);
        Assert.Equal("create or replace temporary view `daily__mr_new` as\nselect day, app, count(*) as n from events group by all\n", statements[0]);
        Assert.Equal("insert into `main`.`analytics`.`daily` (`day`, `app`, `n`) as target\nreplace on target.`day` = source.`day`\n"
            + "(select `day`, `app`, `n` from `daily__mr_new`) as source", statements[1]);
        Assert.Equal(7, result.Rows);
    }

    [Fact]
    public void An_apply_whose_answer_has_no_row_figure_reports_none_rather_than_computing_the_view_again()
    {
        var (_, result) = Build(DatabricksEngineFactory.DatabricksCapabilities, answer: new QueryResult(["result"], [[1L]]));
        Assert.Null(result.Rows);
    }

    /// <summary>
    /// Without session views, or where the apply is two statements (a delete then an insert would compute a view twice,
    /// the second time after the delete), the new rows are a table, dropped after the apply.
    /// </summary>
    [Theory]
    [InlineData(false, true, new[] { "create or replace table `main`.`analytics`.`daily__mr_new`", "insert into `main`.`analytics`.`daily` (`day`, `app`, `n`) as target",
        "drop table if exists `main`.`analytics`.`daily__mr_new`" })]
    [InlineData(true, false, new[] { "create or replace table `main`.`analytics`.`daily__mr_new`", "merge into `main`.`analytics`.`daily` as target",
        "insert into `main`.`analytics`.`daily` (`day`, `app`, `n`)\nselect", "drop table if exists `main`.`analytics`.`daily__mr_new`" })]
    public void Where_the_new_rows_cannot_be_a_view_they_are_a_table_dropped_after_the_apply(bool views, bool replaceOn, string[] starts)
    {
        var (warehouse, result) = Build(DatabricksEngineFactory.DatabricksCapabilities with { SessionTempViews = views, InsertReplaceOn = replaceOn });
        var statements = warehouse.Sent.Skip(1).ToList();
        Assert.Equal(starts.Length, statements.Count);
        for (var i = 0; i < starts.Length; i++) Assert.StartsWith(starts[i], statements[i]);
        if (!replaceOn) Assert.Contains("when matched then delete", statements[1]);
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
    public void Over_the_statement_execution_api_there_is_no_session_to_keep_a_view_in()
    {
        var settings = new Dictionary<string, object?> { ["host"] = "h.example.com", ["http_path"] = "/sql/1.0/warehouses/x", ["token"] = "t", ["method"] = "http" };
        var target = new TargetSettings("p", "prod", "databricks", "analytics", "main", 1, settings.ToImmutableDictionary(), "profiles.yml");
        using var engine = new DatabricksEngineFactory().Create(target, "/p");
        Assert.False(engine.Capabilities.SessionTempViews);
        Assert.True(DatabricksEngineFactory.DatabricksCapabilities.SessionTempViews);
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
