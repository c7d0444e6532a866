using System.Text.Json;
using ModelRunner.TestSupport;

namespace ModelRunner.Cli.Tests;

public class RunningTheExampleEndToEnd
{
    private static TempProject Project() => new TempProject(extraProjectYaml: "vars:\n  n: 5\n")
        .Write("models/base.sql", "{{ config materialized: 'table' }}select i as id, i % 2 as grp from range(1, {{ var 'n' }} + 1) t(i)")
        .Write("models/inc.sql", "{{ config materialized: 'incremental' unique_key: 'id' }}select id, grp from {{ ref 'base' }}\n{{ if is_incremental }}where id > (select max(id) from {{ this }}){{ end }}")
        .Write("models/v.sql", "select grp, count(*) as n from {{ ref 'inc' }} group by grp");

    [Fact]
    public void Running_twice_gives_the_same_rows()
    {
        using var project = Project();
        Assert.Equal(0, project.Cli("run").ExitCode);
        var first = project.Query("select * from main.v order by grp").Concat(project.Query("select * from main.inc order by id")).ToList();
        var second = project.Cli("run");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("MERGE", second.Output);
        Assert.Equal(first, project.Query("select * from main.v order by grp").Concat(project.Query("select * from main.inc order by id")));
    }

    [Fact]
    public void New_source_rows_reach_the_incremental_model()
    {
        using var project = Project();
        project.Cli("run");
        Assert.Equal(0, project.Cli("run", "--vars", "{n: 8}").ExitCode);
        Assert.Equal(new[] { "8" }, project.Query("select count(*) from main.inc"));
    }

    [Fact]
    public void Artifacts_describe_the_run_like_dbt()
    {
        using var project = Project();
        project.Cli("run");
        Assert.True(project.Exists("target/compiled/models/inc.sql"));
        Assert.Contains("create or replace table", project.Read("target/run/models/base.sql"));
        using var manifest = JsonDocument.Parse(project.Read("target/manifest.json"));
        var inc = manifest.RootElement.GetProperty("nodes").GetProperty("model.inc");
        Assert.Equal("model.base", inc.GetProperty("depends_on").GetProperty("nodes")[0].GetString());
        Assert.Equal("incremental", inc.GetProperty("config").GetProperty("materialized").GetString());
        using var results = JsonDocument.Parse(project.Read("target/run_results.json"));
        var statuses = results.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(new[] { "success", "success", "success" }, statuses);
    }

    [Fact]
    public void A_sql_error_exits_1_naming_the_model_its_compiled_sql_and_the_database_message()
    {
        using var project = Project();
        project.Cli("run");
        project.Write("models/base.sql", "{{ config materialized: 'table' }}select id from nowhere_table");
        var result = project.Cli("run");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("model 'base' (models/base.sql) failed", result.Output);
        Assert.Contains("target/compiled/models/base.sql", result.Output);
        Assert.Contains("nowhere_table", result.Output);
        Assert.Contains("SKIP=2", result.Output);
        Assert.Equal(new[] { "5" }, project.Query("select count(*) from main.base"));
    }

    [Fact]
    public void Json_logs_are_one_object_per_line()
    {
        using var project = Project();
        var result = project.Cli("run", "--log-format", "json");
        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, events.Count(e => e.GetProperty("event").GetString() == "node_finished"));
        Assert.Equal("run_finished", events[^1].GetProperty("event").GetString());
    }

    [Fact]
    public void Nothing_selected_is_a_warning_and_exit_0()
    {
        using var project = Project();
        var result = project.Cli("run", "--select", "no_such_model");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nothing to do", result.All);
    }

    [Fact]
    public void Ls_show_compile_debug_and_clean_work()
    {
        using var project = Project();
        Assert.Equal("base\ninc", project.Cli("ls", "-s", "+inc").Output.Trim());
        Assert.Equal(0, project.Cli("compile").ExitCode);
        Assert.True(project.Exists("target/compiled/models/v.sql"));
        project.Cli("run");
        var show = project.Cli("show", "--inline", "select count(*) as c from {{ ref 'base' }}", "--output", "csv");
        Assert.Equal("c\n5", show.Output.Trim());
        Assert.Contains("│ grp", project.Cli("show", "-s", "v").Output);
        Assert.Contains("connection: OK", project.Cli("debug").Output);
        Assert.Equal(0, project.Cli("clean").ExitCode);
        Assert.False(Directory.Exists(Path.Combine(project.Root, "target")));
    }
}
