using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// Slim CI, as dbt's: `--state DIR` reads an earlier manifest.json; state:new and state:modified (.body, .configs,
/// .macros, .vars) select what changed since; `--defer` reads unselected models from the state's relations.
/// </summary>
public class SlimCiBuildsOnlyWhatChanged
{
    private static TempProject Project() => new TempProject(extraProjectYaml: "vars: {region: eu}\n")
        .Write("profiles/profiles.yml", """
            test:
              target: dev
              outputs:
                prod: {type: duckdb, path: db/test.duckdb, schema: prod, threads: 2}
                dev: {type: duckdb, path: db/test.duckdb, schema: dev, threads: 2}
            """)
        .Write("macros/shout.sql", "{{~ func shout(text)\n  ret \"upper(\" + text + \")\"\nend\nfunc whisper(text)\n  ret \"lower(\" + text + \")\"\nend ~}}")
        .Write("models/base_names.sql", "{{ config materialized: 'table' }}select 'ann' as name union all select 'bob'")
        .Write("models/loud_names.sql", "{{ config materialized: 'table' }}select {{ shout 'name' }} as name from {{ ref 'base_names' }}")
        .Write("models/quiet_names.sql", "{{ config materialized: 'table' }}select {{ whisper 'name' }} as name from {{ ref 'base_names' }}")
        .Write("models/regional.sql", "select '{{ var 'region' }}' as region")
        .Write("models/plain.sql", "select 1 as one");

    private static string[] Listed(TempProject project, params string[] args)
    {
        var result = project.Cli(["ls", .. args]);
        Assert.True(result.ExitCode == 0, result.All);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order().ToArray();
    }

    private static string SaveState(TempProject project)
    {
        var state = Path.Combine(project.Root, "prod-state");
        Directory.CreateDirectory(state);
        File.Copy(Path.Combine(project.Root, "target", "manifest.json"), Path.Combine(state, "manifest.json"), overwrite: true);
        return state;
    }

    [Fact]
    public void Each_kind_of_change_is_selected_by_its_own_state_selector()
    {
        using var project = Project();
        Assert.Equal(0, project.Cli("compile", "--offline").ExitCode);
        var state = SaveState(project);
        Assert.Empty(Listed(project, "-s", "state:modified", "--state", state));

        project.Write("models/plain.sql", "select 2 as one")                                                      // body
            .Write("models/regional.sql", "{{ config materialized: 'table' }}select '{{ var 'region' }}' as region") // config (and body)
            .Write("macros/shout.sql", "{{~ func shout(text)\n  ret \"upper(trim(\" + text + \"))\"\nend\nfunc whisper(text)\n  ret \"lower(\" + text + \")\"\nend ~}}")
            .Write("models/brand_new.sql", "select 3 as three");

        Assert.Equal(["brand_new"], Listed(project, "-s", "state:new", "--state", state));
        Assert.Equal(["plain", "regional"], Listed(project, "-s", "state:modified.body", "--state", state));
        Assert.Equal(["regional"], Listed(project, "-s", "state:modified.configs", "--state", state));
        Assert.Equal(["loud_names"], Listed(project, "-s", "state:modified.macros", "--state", state)); // not quiet_names: whisper did not change
        Assert.Equal(["brand_new", "loud_names", "plain", "regional"], Listed(project, "-s", "state:modified", "--state", state));
        // A var the model reads, changed on the command line.
        Assert.Equal(["regional"], Listed(project, "-s", "state:modified.vars", "--state", state, "--vars", "{region: us}"));
    }

    [Fact]
    public void Defer_builds_only_what_changed_reading_the_rest_from_production()
    {
        using var project = Project();
        Assert.Equal(0, project.Cli("run", "--target", "prod").ExitCode);
        var state = SaveState(project);
        project.Write("models/loud_names.sql", "{{ config materialized: 'table' }}select {{ shout 'name' }} || '!' as name from {{ ref 'base_names' }}");

        var result = project.Cli("run", "--target", "dev", "-s", "state:modified", "--defer", "--state", state);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["ANN!", "BOB!"], project.Query("select name from dev.loud_names order by name"));
        // base_names was not selected and not built in dev: its rows came from prod.
        Assert.Equal(["0"], project.Query("select count(*) from information_schema.tables where table_schema = 'dev' and table_name = 'base_names'"));
        Assert.Contains("\"prod\".\"base_names\"", project.Read("target/compiled/models/loud_names.sql"));
    }

    [Fact]
    public void State_selectors_and_defer_need_a_state()
    {
        using var project = Project();
        var result = project.Cli("ls", "-s", "state:modified");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--state DIR", result.All);
        result = project.Cli("run", "--defer");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--defer needs --state DIR", result.All);
        result = project.Cli("ls", "--state", Path.Combine(project.Root, "nowhere"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no manifest.json there", result.All);
    }
}
