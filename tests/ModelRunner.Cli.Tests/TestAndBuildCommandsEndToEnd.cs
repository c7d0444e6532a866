using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>`test` and `build` from the command line: exit codes, counts and diffs as a user sees them.</summary>
public class TestAndBuildCommandsEndToEnd
{
    private static TempProject Project() => new TempProject()
        .Write("models/visits.sql", "{{ config materialized: 'table' }}\nselect i as id, case when i % 4 = 0 then null else i end as user_id from range(1, 13) as t(i)")
        .Write("models/per_user.sql", "select user_id, count(*) as visits from {{ ref 'visits' }} group by user_id")
        .Write("models/visits.yml", """
            version: 2
            models:
              - name: visits
                columns:
                  - name: id
                    data_tests: [not_null, unique]
                  - name: user_id
                    data_tests: [not_null]
            unit_tests:
              - name: counts_visits
                model: per_user
                given:
                  - input: ref('visits')
                    rows: [{id: 1, user_id: 7}, {id: 2, user_id: 7}]
                expect:
                  rows: [{user_id: 7, visits: 3}]
            """);

    [Fact]
    public void A_not_null_test_on_a_column_with_nulls_exits_1_and_counts_the_rows()
    {
        using var project = Project();
        Assert.Equal(0, project.Cli("run").ExitCode);
        var result = project.Cli("test", "--data");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL test not_null_visits_user_id", result.Output);
        Assert.Contains("3 rows failed", result.Output);
        Assert.Contains("PASS test unique_visits_id", result.Output);
        Assert.Contains("ERROR=1", result.Output);
    }

    [Fact]
    public void A_unit_test_with_a_wrong_expected_row_prints_the_diff_and_exits_1()
    {
        using var project = Project();
        var result = project.Cli("test", "--unit");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL unit test per_user::counts_visits", result.Output);
        Assert.Contains("7       | 3 → 2", result.Output);
        Assert.False(File.Exists(project.DatabasePath), "unit tests must not touch the target database");
    }

    [Fact]
    public void Build_audit_leaves_the_published_table_untouched_when_a_test_fails()
    {
        using var project = Project()
            .Write("models/visits.yml", "models:\n  - name: visits\n    columns:\n      - name: id\n        data_tests: [not_null]\n");
        Assert.Equal(0, project.Cli("build", "--audit").ExitCode);

        project.Write("models/visits.sql", "{{ config materialized: 'table' }}\nselect null::int as id");
        var result = project.Cli("build", "--audit");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("was not published", result.Output);
        Assert.Equal(["12"], project.Query("select count(*) from main.visits"));
        Assert.Equal(["1"], project.Query("select count(*) from main.visits__mr_audit"));
    }

    [Fact]
    public void Build_without_failures_exits_0_and_ls_lists_the_tests()
    {
        using var project = Project()
            .Write("models/visits.yml", "models:\n  - name: visits\n    columns:\n      - name: id\n        data_tests: [not_null]\n");
        Assert.Equal(0, project.Cli("build").ExitCode);
        Assert.Equal("not_null_visits_id", project.Cli("ls", "--resource-type", "test").Output.Trim());
    }

    [Fact]
    public void Store_failures_names_the_table_holding_the_failing_rows()
    {
        using var project = Project();
        project.Cli("run");
        var result = project.Cli("test", "--data", "--store-failures", "-s", "not_null_visits_user_id");
        Assert.Contains("failing rows stored in main_test_failures.not_null_visits_user_id", result.Output);
        Assert.Equal(["3"], project.Query("select count(*) from main_test_failures.not_null_visits_user_id"));
    }
}

/// <summary>The README's main job on the repository's own project: every model builds and every test passes.</summary>
public class TheMainJobBuildsAndTestsTheRepositoryProject
{
    [Fact]
    public void Generate_then_build_succeeds_with_every_test_passing()
    {
        using var project = TempProject.CopyOfRepositoryProject();
        Assert.Equal(0, project.Cli("events", "generate", "--events", "5000", "--if-empty").ExitCode);
        var build = project.Cli("build");
        Assert.True(build.ExitCode == 0, build.All);
        Assert.Contains("PASS unit test orders_daily::sums_orders_per_day", build.Output);
        Assert.Contains("PASS test daily_revenue_matches_orders", build.Output);
        Assert.Contains("ERROR=0 SKIP=0", build.Output);
    }
}
