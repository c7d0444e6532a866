using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// Inputs that used to change data without a word, on the side that must keep working: a huge model keeps its end,
/// custom keys under meta:, quoted seeds load as written, JSON logs carry the error, a mistyped database folder is not
/// created. The refusals themselves are rows of <see cref="TheBadInputCatalogue"/>.
/// </summary>
public class NothingIsSilentlyChanged
{
    [Fact]
    public void A_model_rendering_to_ten_megabytes_keeps_its_end()
    {
        // A filter after a long comment block: cut at Scriban's old 1 MiB limit, the filter was lost and all 10 rows built.
        var comment = string.Concat(Enumerable.Repeat("-- " + new string('x', 97) + "\n", 100_000));
        using var project = new TempProject()
            .Write("models/numbers.sql", "{{ config materialized: 'table' }}select range as id from range(10)")
            .Write("models/big.sql", "{{ config materialized: 'table' }}select * from {{ ref 'numbers' }}\n" + comment + "where id < 5\n");
        var result = project.Cli("run");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["5"], project.Query("select count(*) from main.big"));
        Assert.True(new FileInfo(Path.Combine(project.Root, "target", "compiled", "models", "big.sql")).Length > 10_000_000);
    }

    [Fact]
    public void Custom_keys_under_meta_are_accepted_and_readable()
    {
        using var project = new TempProject().Write("models/a.sql", "{{ config materialized: 'table' meta: {owner: 'sales'} }}select '{{ model.config.meta.owner }}' as owner");
        Assert.Equal(0, project.Cli("run").ExitCode);
        Assert.Equal(["sales"], project.Query("select owner from main.a"));
    }

    [Fact]
    public void A_well_formed_seed_with_quoted_commas_escaped_quotes_and_line_breaks_loads_as_written()
    {
        using var project = new TempProject(extraProjectYaml: "seed-paths: [seeds]\n")
            .Write("seeds/people.csv", "id,name\n1,\"Smith, Ann\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n\n");
        Assert.Equal(0, project.Cli("seed").ExitCode);
        Assert.Equal(["1|Smith, Ann", "2|say \"hi\"", "3|two\nlines"], project.Query("select id, name from main.people order by id"));
    }

    [Fact]
    public void With_json_logs_a_project_error_is_a_json_event_and_the_run_still_finishes()
    {
        using var project = new TempProject().Write("models/a.sql", "select {{ var 'missing' }} as id");
        var result = project.Cli("run", "--log-format", "json");
        Assert.Equal(2, result.ExitCode);
        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var error = events.Single(e => e.GetProperty("event").GetString() == "error");
        Assert.Equal("models/a.sql", error.GetProperty("file").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal("a", error.GetProperty("node").GetString());
        Assert.Contains("variable 'missing'", error.GetProperty("message").GetString());
        var finished = events.Last();
        Assert.Equal("run_finished", finished.GetProperty("event").GetString());
        Assert.Equal(2, finished.GetProperty("exit_code").GetInt32());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void A_database_path_whose_folder_is_missing_outside_the_project_is_refused_and_not_created()
    {
        var missing = Path.Combine(Path.GetTempPath(), "mr-typo-" + Guid.NewGuid().ToString("N")[..8], "sub");
        using var project = new TempProject().Write("models/a.sql", "select 1 as id");
        var result = project.Cli("run", "--vars", "{}", "--target", "dev");
        Assert.Equal(0, result.ExitCode); // inside the project, the default data folder is made
        project.Write("profiles/profiles.yml", $"test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {missing}/db.duckdb\n");
        result = project.Cli("run");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.All);
        Assert.Contains("does not exist", result.All);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)), "the mistyped folder must not be created");
    }
}
