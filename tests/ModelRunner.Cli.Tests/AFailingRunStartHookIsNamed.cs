using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>A failing on-run-start hook: named in the error, nothing built, and run_results.json says so (not the last run's).</summary>
public class AFailingRunStartHookIsNamed
{
    [Fact]
    public void The_hook_is_named_nothing_builds_and_the_results_are_this_runs()
    {
        using var project = new TempProject().Write("models/a.sql", "{{ config materialized: 'table' }}select 1 as id");
        Assert.Equal(0, project.Cli("run").ExitCode);
        project.Write("models.yml", "name: testproj\nprofile: test\non-run-start: [\"select 1\", \"select * from main.no_such_table\"]\n")
            .Write("models/a.sql", "{{ config materialized: 'table' }}select 2 as id");
        var result = project.Cli("run");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("models.yml on-run-start[1] failed", result.All);
        Assert.Contains("no_such_table", result.All);
        Assert.Equal(["1"], project.Query("select id from main.a"));
        var results = project.Read("target/run_results.json");
        Assert.Contains("on-run-start[1]", results);
        Assert.Contains("\"error\"", results);
        Assert.DoesNotContain("model.testproj.a", results);
    }
}
