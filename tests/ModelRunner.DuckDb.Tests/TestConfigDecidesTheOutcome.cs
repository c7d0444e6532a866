using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>severity, warn_if / error_if, where, limit and store_failures, as dbt applies them.</summary>
public class TestConfigDecidesTheOutcome
{
    // Ten rows, ids 1..10; flag is null on the four even ids above 2.
    private static TempProject Project(string testYaml, string extraProject = "") =>
        new TempProject(extraProjectYaml: extraProject)
            .Write("models/things.sql", "{{ config materialized: 'table' }}\nselect i as id, case when i % 2 = 0 and i > 2 then null else 'x' end as flag from range(1, 11) as t(i)")
            .Write("models/things.yml", "version: 2\nmodels:\n  - name: things\n    columns:\n      - name: flag\n        data_tests:\n" + testYaml);

    private static NodeResult RunOnlyTest(TempProject project, bool storeFailures = false)
    {
        project.Run();
        return Assert.Single(project.Test(storeFailures: storeFailures).Nodes);
    }

    [Fact]
    public void Severity_warn_turns_a_failure_into_a_warning()
    {
        using var project = Project("          - not_null:\n              severity: warn\n");
        var result = RunOnlyTest(project);
        Assert.Equal((NodeStatus.Warn, 4L), (result.Status, result.Failures));
    }

    [Fact]
    public void Error_if_above_the_count_only_warns()
    {
        using var project = Project("          - not_null:\n              config:\n                error_if: '> 10'\n                warn_if: '>= 4'\n");
        Assert.Equal(NodeStatus.Warn, RunOnlyTest(project).Status);
    }

    [Fact]
    public void Warn_if_above_the_count_passes()
    {
        using var project = Project("          - not_null:\n              config:\n                error_if: '> 10'\n                warn_if: '> 4'\n");
        Assert.Equal(NodeStatus.Pass, RunOnlyTest(project).Status);
    }

    [Fact]
    public void Error_if_reached_fails()
    {
        using var project = Project("          - not_null:\n              config:\n                error_if: '>= 4'\n");
        Assert.Equal(NodeStatus.Fail, RunOnlyTest(project).Status);
    }

    [Fact]
    public void Where_filters_the_tested_rows()
    {
        using var project = Project("          - not_null:\n              config:\n                where: 'id <= 6'\n");
        Assert.Equal(2L, RunOnlyTest(project).Failures);
    }

    [Fact]
    public void Limit_caps_the_failures_counted()
    {
        using var project = Project("          - not_null:\n              limit: 3\n");
        Assert.Equal(3L, RunOnlyTest(project).Failures);
    }

    [Fact]
    public void Store_failures_keeps_the_failing_rows_in_a_table()
    {
        using var project = Project("          - not_null\n");
        var result = RunOnlyTest(project, storeFailures: true);
        Assert.Contains("main_test_failures.not_null_things_flag", result.Message);
        Assert.Equal(["4"], project.Query("select count(*) from main_test_failures.not_null_things_flag"));
    }

    [Fact]
    public void Store_failures_can_be_set_per_test_in_config()
    {
        using var project = Project("          - not_null:\n              store_failures: true\n");
        RunOnlyTest(project);
        Assert.Equal(["4"], project.Query("select count(*) from main_test_failures.not_null_things_flag"));
    }

    [Fact]
    public void Project_level_test_config_applies_by_folder()
    {
        using var project = Project("          - not_null\n", "data_tests:\n  +severity: warn\n");
        Assert.Equal(NodeStatus.Warn, RunOnlyTest(project).Status);
    }

    [Fact]
    public void A_bad_threshold_is_refused_at_load()
    {
        using var project = Project("          - not_null:\n              warn_if: 'lots'\n");
        var error = Assert.Throws<Core.Diagnostics.ProjectException>(() => project.Open());
        Assert.Contains("models/things.yml", error.Message);
        Assert.Contains("warn_if", error.Message);
    }
}
