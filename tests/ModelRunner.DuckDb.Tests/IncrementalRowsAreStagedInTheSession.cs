using ModelRunner.Core.Engines;
using ModelRunner.Core.Materializations;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// On DuckDB an incremental build stages its new rows in a temp table of its own session, as dbt-duckdb does: they
/// are read once to be applied, so writing them into the database file and its log first would only be thrown away.
/// </summary>
public class IncrementalRowsAreStagedInTheSession
{
    private static TempProject Project() =>
        new TempProject(extraProjectYaml: "on-run-start:\n  - \"create or replace table main.src as select * from (values {{ var 'rows' }}) as v(id, val)\"\n")
            .Write("models/one/inc.sql", "{{ config materialized: 'incremental' unique_key: 'id' schema: 'one' }}select id, val from main.src")
            .Write("models/two/inc_two.sql", "{{ config materialized: 'incremental' unique_key: 'id' schema: 'two' alias: 'inc' }}select id, val * 10 as val from main.src");

    [Fact]
    public void New_rows_go_to_a_temp_table_of_the_session_and_never_beside_the_target()
    {
        using var project = Project();
        Assert.False(project.Run(vars: "rows: \"(1, 1)\"").Failed);

        var results = project.RunObserved(out var calls, vars: "rows: \"(1, 2), (2, 3)\"");

        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Message)));
        var staged = calls.Statements.Where(s => s.StartsWith("create", StringComparison.Ordinal) && s.Contains("__mr_new", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, staged.Count);
        Assert.All(staged, s => Assert.StartsWith("create temporary table \"temp\".\"main\".\"inc__mr_new\"", s, StringComparison.Ordinal));
        Assert.Equal(new[] { "1|2", "2|3" }, project.Query("select id, val from main_one.inc order by id"));
        Assert.Empty(project.Query("select table_name from duckdb_tables() where contains(table_name, '__mr_')"));
    }

    [Fact]
    public void Two_tables_of_the_same_name_in_two_schemas_stage_apart_on_one_worker()
    {
        using var project = Project();
        Assert.False(project.Run(vars: "rows: \"(1, 1)\"", threads: 1).Failed);
        var results = project.Run(vars: "rows: \"(1, 2), (2, 3)\"", threads: 1);

        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Message)));
        Assert.Equal(new[] { "1|2", "2|3" }, project.Query("select id, val from main_one.inc order by id"));
        Assert.Equal(new[] { "1|20", "2|30" }, project.Query("select id, val from main_two.inc order by id"));
    }

    [Fact]
    public void A_failed_apply_keeps_the_table_and_the_next_run_stages_afresh()
    {
        using var project = Project();
        Assert.False(project.Run(vars: "rows: \"(1, 1)\"", threads: 1).Failed);

        // val arrives as text that is no integer: staging works, applying it to the integer column fails.
        var failed = project.Run(vars: "rows: \"(1, 'x')\"", threads: 1, select: ["inc"]);
        Assert.Equal(NodeStatus.Error, failed.StatusOf("inc"));
        Assert.StartsWith("model 'inc' (models/one/inc.sql) failed: ", failed.Result("inc").Message, StringComparison.Ordinal);
        Assert.Contains("'x'", failed.Result("inc").Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "1|1" }, project.Query("select id, val from main_one.inc"));

        Assert.False(project.Run(vars: "rows: \"(1, 5)\"", threads: 1, select: ["inc"]).Failed);
        Assert.Equal(new[] { "1|5" }, project.Query("select id, val from main_one.inc"));
    }
}
