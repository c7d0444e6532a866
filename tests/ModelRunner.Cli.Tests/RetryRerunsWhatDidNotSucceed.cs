using System.Text.Json;
using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>`retry`, as dbt's: the last command again, on the nodes that failed or were skipped, with its other options.</summary>
public class RetryRerunsWhatDidNotSucceed
{
    private static string[] Ran(TempProject project)
    {
        using var results = JsonDocument.Parse(project.Read("target/run_results.json"));
        return results.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("unique_id").GetString()}:{r.GetProperty("status").GetString()}").Order().ToArray();
    }

    [Fact]
    public void A_fixed_model_and_what_was_skipped_below_it_run_again_with_the_same_vars()
    {
        using var project = new TempProject()
            .Write("models/fine.sql", "{{ config materialized: 'table' }}select 1 as id")
            .Write("models/broken.sql", "{{ config materialized: 'table' }}select * from main.not_there_yet")
            .Write("models/below.sql", "{{ config materialized: 'table' }}select id, '{{ var 'label' }}' as label from {{ ref 'broken' }}");
        Assert.Equal(1, project.Cli("run", "--vars", "{label: first}").ExitCode);
        Assert.Equal(["model.below:skipped", "model.broken:error", "model.fine:success"], Ran(project));

        project.Write("models/broken.sql", "{{ config materialized: 'table' }}select 2 as id");
        var result = project.Cli("retry");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("retry: modelrunner run --vars", result.Output);
        Assert.Equal(["model.below:success", "model.broken:success"], Ran(project));
        Assert.Equal(["2|first"], project.Query("select id, label from main.below"));

        var again = project.Cli("retry");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to redo", again.Output);
    }

    [Fact]
    public void Without_an_earlier_run_there_is_nothing_to_retry()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var result = project.Cli("retry");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no target/run_results.json yet", result.All);
    }
}
