using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

public class SchedulingAndHooks
{
    private static TempProject TwoBranches() => new TempProject()
        .Write("models/bad.sql", "{{ config materialized: 'table' }}select * from missing_table")
        .Write("models/bad_child.sql", "select * from {{ ref 'bad' }}")
        .Write("models/good.sql", "{{ config materialized: 'table' }}select 1 as id")
        .Write("models/good_child.sql", "select * from {{ ref 'good' }}");

    [Fact]
    public void A_failure_skips_its_descendants_while_independent_branches_go_on()
    {
        using var project = TwoBranches();
        var results = project.Run();
        Assert.Equal(NodeStatus.Error, results.StatusOf("bad"));
        Assert.Equal(NodeStatus.Skipped, results.StatusOf("bad_child"));
        Assert.Equal(NodeStatus.Success, results.StatusOf("good"));
        Assert.Equal(NodeStatus.Success, results.StatusOf("good_child"));
    }

    [Fact]
    public void Fail_fast_stops_scheduling_after_the_first_failure()
    {
        using var project = TwoBranches();
        var results = project.Run(failFast: true, threads: 1);
        Assert.Equal(4, results.Nodes.Length);
        Assert.Equal(NodeStatus.Error, results.StatusOf("bad"));
        Assert.Equal(3, results.Count(NodeStatus.Skipped));
    }

    [Fact]
    public void Ephemeral_models_are_inlined_and_never_built()
    {
        using var project = new TempProject()
            .Write("models/e1.sql", "{{ config materialized: 'ephemeral' }}select 1 as id")
            .Write("models/e2.sql", "{{ config materialized: 'ephemeral' }}select id + 1 as id from {{ ref 'e1' }}")
            .Write("models/t.sql", "{{ config materialized: 'table' }}with x as (select * from {{ ref 'e2' }}) select id from x");
        Assert.False(project.Run().Failed);
        Assert.Equal(new[] { "2" }, project.Query("select id from main.t"));
        Assert.Empty(project.Query("select 1 from information_schema.tables where table_name in ('e1', 'e2')"));
    }

    [Fact]
    public void Model_and_project_hooks_run_around_the_build()
    {
        using var project = new TempProject(extraProjectYaml:
                "on-run-start:\n  - create table if not exists main.audit (what varchar)\non-run-end:\n  - insert into main.audit values ('end')\n")
            .Write("models/t.sql", "{{ config materialized: 'table' pre_hook: \"insert into main.audit values ('pre')\" post_hook: [\"insert into main.audit select 'post ' || count(*) from {{ this }}\"] }}select 1 as id");
        Assert.False(project.Run().Failed);
        Assert.Equal(new[] { "end", "post 1", "pre" }, project.Query("select what from main.audit order by what"));
    }

    [Fact]
    public void A_hook_that_is_only_a_comment_runs_as_nothing()
    {
        // A hook commented out while debugging, or one a variable left empty.
        using var project = new TempProject()
            .Write("models/t.sql", "{{ config materialized: 'table' pre_hook: '-- not today' post_hook: [''] }}select 1 as id");
        var results = project.Run();
        Assert.Equal(NodeStatus.Success, results.StatusOf("t"));
        Assert.Equal(new[] { "1" }, project.Query("select id from main.t"));
    }

    [Fact]
    public void Hooks_that_render_to_nothing_are_not_sent()
    {
        // As dbt skips them; a package's hook with nothing to do renders so (on a warehouse, a round trip saved each).
        using var project = new TempProject(extraProjectYaml:
                "on-run-start: [\"{{ if false }}delete from main.t{{ end }}\"]\non-run-end: [\"  \"]\n")
            .Write("models/t.sql", "{{ config materialized: 'table' pre_hook: '   ' post_hook: ['', \"insert into {{ this }} values (2)\"] }}select 1 as id");
        var results = project.RunObserved(out var calls);
        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Message)));
        Assert.Equal(new[] { "1", "2" }, project.Query("select id from main.t order by id"));
        Assert.DoesNotContain(calls.Statements, s => string.IsNullOrWhiteSpace(s));
        Assert.Single(calls.Statements, s => s.StartsWith("insert into", StringComparison.Ordinal));
        Assert.Equal(NodeStatus.Success, results.Nodes.Single(n => n.UniqueId.Contains(".on-run-end.", StringComparison.Ordinal)).Status);
    }

    [Fact]
    public void Seeds_load_csv_files_with_column_type_overrides()
    {
        using var project = new TempProject(extraProjectYaml: "seeds:\n  +column_types:\n    code: varchar\n")
            .Write("seeds/countries.csv", "code,name\n001,Andorra\n250,France\n")
            .Write("models/c.sql", "select * from {{ ref 'countries' }}");
        var results = project.Run(mode: RunMode.Seeds);
        Assert.False(results.Failed);
        Assert.Equal(2, results.Nodes.Single().Rows);
        Assert.Equal(new[] { "001|Andorra", "250|France" }, project.Query("select code, name from main.countries order by code"));
    }
}
