using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// run_scoped: true on DuckDB: the table is built in the in-memory catalog modelrunner_run, read by the models of its
/// run (built with any model of the run that reads it), and never written to the database file; what would read it
/// after the run is skipped or refused, saying why.
/// </summary>
public class RunScopedTablesLiveForTheirRun
{
    private static TempProject Project() => new TempProject()
        .Write("models/scratch_rows.sql", "{{ config materialized: 'table' run_scoped: true }}select range as id from range(5)")
        .Write("models/kept.sql", "{{ config materialized: 'table' }}select id * 10 as id from {{ ref 'scratch_rows' }}")
        .Write("models/scratch_rows.yml", "models:\n  - name: scratch_rows\n    columns:\n      - name: id\n        data_tests: [unique]\n");

    [Fact]
    public void A_run_scoped_table_is_read_by_its_run_and_never_written_to_the_database_file()
    {
        using var project = Project();
        var result = project.Cli("run");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("table modelrunner_run.main.scratch_rows", result.Output);
        Assert.Equal(new[] { "40" }, project.Query("select max(id) from main.kept"));
        // Another process finds only what the run kept.
        Assert.Equal(new[] { "0" }, project.Query("select count(*) from duckdb_tables() where table_name = 'scratch_rows'"));
        Assert.Equal(new[] { "1" }, project.Query("select count(*) from duckdb_tables() where table_name = 'kept'"));
    }

    [Fact]
    public void The_compiled_sql_of_a_reader_names_the_run_scoped_catalog()
    {
        using var project = Project();
        Assert.Equal(0, project.Cli("compile", "--offline").ExitCode);
        Assert.Contains("from \"modelrunner_run\".\"main\".\"scratch_rows\"", project.Read("target/compiled/models/kept.sql"));
    }

    [Fact]
    public void A_run_of_a_reader_builds_the_run_scoped_table_it_reads_with_it_saying_so()
    {
        using var project = Project();
        var result = project.Cli("run", "-s", "kept");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Also building scratch_rows: run-scoped tables the selection reads", result.Output);
        Assert.Equal(new[] { "5" }, project.Query("select count(*) from main.kept"));
    }

    [Fact]
    public void A_run_of_a_reader_through_an_ephemeral_model_builds_the_run_scoped_table_before_the_reader()
    {
        using var project = Project()
            .Write("models/rows_this_run.sql", "{{ config materialized: 'ephemeral' }}select id + 1 as id from {{ ref 'scratch_rows' }}")
            .Write("models/inlined.sql", "{{ config materialized: 'table' }}select sum(id) as total from {{ ref 'rows_this_run' }}");
        var result = project.Cli("run", "-s", "inlined", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Also building scratch_rows: run-scoped tables the selection reads", result.Output);
        Assert.Equal(new[] { "15" }, project.Query("select total from main.inlined"));
    }

    [Fact]
    public void A_test_of_a_run_scoped_table_runs_in_build_and_is_skipped_with_the_reason_by_test()
    {
        using var project = Project();
        var build = project.Cli("build");
        Assert.True(build.ExitCode == 0, build.All);
        Assert.Contains("PASS test unique_scratch_rows_id", build.Output);

        var test = project.Cli("test");
        Assert.True(test.ExitCode == 0, test.All);
        Assert.Contains("Skipping 1 data test(s) of run-scoped tables", test.Output);
        Assert.Contains("unique_scratch_rows_id", test.Output);
        Assert.Contains("SKIP=1", test.Output);
        Assert.Contains("which is run_scoped", project.Read("target/run_results.json"));
    }

    [Fact]
    public void Show_of_a_model_reading_a_run_scoped_table_shows_its_built_table_and_says_so()
    {
        using var project = Project();
        Assert.Equal(0, project.Cli("run").ExitCode);
        var result = project.Cli("show", "--select", "kept", "--output", "csv");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("40", result.Output);
        Assert.Contains("the query of 'kept' reads 'scratch_rows', which is run_scoped", result.All);
    }

    [Fact]
    public void Show_of_a_run_scoped_model_is_refused_saying_why()
    {
        using var project = Project();
        Assert.Equal(0, project.Cli("run").ExitCode);
        var result = project.Cli("show", "--select", "scratch_rows");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'scratch_rows' is run_scoped", result.All);
    }
}
