using ModelRunner.Core.Diagnostics;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// A package is a folder with a package.yml declaring its default vars, its folder configs and its run hooks. The
/// project switches it with one setting, scopes vars by its name (as dbt does), and its own models read its tables.
/// </summary>
public class PackagesAreUnitsAProjectSwitchesOn
{
    /// <summary>Two packages using the same var name with different defaults, each with a run hook logging to a table.</summary>
    private static TempProject TwoPackages(string projectYaml = "") =>
        new TempProject(extraProjectYaml: "on-run-start: [\"create table if not exists main.log (what varchar)\", \"insert into main.log values ('project start')\"]\n" + projectYaml)
            .Write("models/one/package.yml", """
                name: pkg_one
                vars: {greeting: hello, only_one: 1}
                models:
                  +materialized: table
                  +tags: [one]
                  inner: {+schema: inner}
                on-run-start: ["create table if not exists main.log (what varchar)", "insert into main.log values ('one start {{ var 'greeting' }}')"]
                on-run-end: ["insert into main.log values ('one end ' || (select count(*) from {{ ref 'one_a' }}))"]
                """)
            .Write("models/one/one_a.sql", "select '{{ var \"greeting\" }}' as greeting, {{ var 'only_one' }} as n")
            .Write("models/one/inner/one_b.sql", "select * from {{ ref 'one_a' }}")
            .Write("models/two/package.yml", "name: pkg_two\nvars: {greeting: bonjour}\nmodels: {+materialized: table}\n")
            .Write("models/two/two_a.sql", "select '{{ var \"greeting\" }}' as greeting")
            .Write("models/mine.sql", "{{ config materialized: 'table' }}select o.greeting as one, t.greeting as two, '{{ var \"greeting\" \"none\" }}' as mine "
                + "from {{ ref 'one_a' }} as o cross join {{ ref 'two_a' }} as t");

    [Fact]
    public void Each_package_reads_its_own_default_of_a_shared_var_name()
    {
        using var project = TwoPackages();
        Assert.False(project.Run().Failed);
        Assert.Equal(["hello|bonjour|none"], project.Query("select one, two, mine from main.mine"));
    }

    [Fact]
    public void A_var_under_a_package_name_overrides_it_for_that_package_alone()
    {
        using var project = TwoPackages("vars:\n  greeting: hi\n  pkg_two: {greeting: salut}\n");
        Assert.False(project.Run().Failed);
        // The project's global var reaches every package and the project; the scoped one only pkg_two.
        Assert.Equal(["hi|salut|hi"], project.Query("select one, two, mine from main.mine"));
    }

    [Fact]
    public void Cli_vars_win_and_can_be_scoped_by_package_too()
    {
        using var project = TwoPackages("vars:\n  pkg_two: {greeting: salut}\n");
        Assert.False(project.Run(vars: "{greeting: hey, pkg_one: {greeting: ahoy}}").Failed);
        Assert.Equal(["ahoy|hey|hey"], project.Query("select one, two, mine from main.mine"));
    }

    [Fact]
    public void A_package_var_is_not_visible_outside_the_package()
    {
        using var project = TwoPackages().Write("models/mine.sql", "select {{ var 'only_one' }} as n");
        var error = Assert.Throws<ProjectException>(() => project.Run());
        Assert.Contains("models/mine.sql", error.Message);
        Assert.Contains("variable 'only_one' is not defined", error.Message);
    }

    [Fact]
    public void Package_hooks_run_with_the_package_vars_before_the_projects_and_need_no_project_setting()
    {
        using var project = TwoPackages();
        Assert.False(project.Run().Failed);
        Assert.Equal(["one start hello", "project start", "one end 1"], project.Query("select what from main.log"));
    }

    [Fact]
    public void Package_folder_configs_apply_and_the_project_overrides_them_under_the_package_name()
    {
        using var project = TwoPackages("models:\n  +tags: [everywhere]\n  testproj: {+materialized: incremental}\n  pkg_one:\n    inner: {+schema: elsewhere}\n")
            .Write("models/plain.sql", "select 1 as id");
        var nodes = project.Open().Project.Nodes.ToDictionary(n => n.Name);
        Assert.Equal("pkg_one", nodes["one_b"].Package);
        Assert.Equal("elsewhere", nodes["one_b"].Config.Schema);
        Assert.Equal(["one", "everywhere"], nodes["one_a"].Config.Tags.ToArray());
        // The project's config under its own name is for its own models, not the packages' (as in dbt).
        Assert.Equal("table", nodes["one_a"].Config.Materialized);
        Assert.Equal("incremental", nodes["plain"].Config.Materialized);
        Assert.Null(nodes["plain"].Package);
    }

    [Fact]
    public void A_package_switched_off_builds_nothing_and_runs_no_hooks()
    {
        using var project = TwoPackages("packages: {pkg_one: false}\n").Write("models/mine.sql", "select * from {{ ref 'two_a' }}");
        var results = project.Run();
        Assert.False(results.Failed);
        Assert.DoesNotContain(results.Nodes, n => n.Name.StartsWith("one_", StringComparison.Ordinal));
        Assert.Equal(["project start"], project.Query("select what from main.log"));
        Assert.Empty(project.Query("select 1 from duckdb_tables() where table_name like 'one_%'"));
    }

    [Fact]
    public void A_model_reading_a_package_switched_off_is_an_error_naming_both()
    {
        using var project = TwoPackages("packages:\n  pkg_one: {enabled: false}\n");
        var error = Assert.Throws<ProjectException>(() => project.Run());
        Assert.Contains("'mine' refers to 'one_a', which is disabled", error.Message);
    }

    [Fact]
    public void An_unknown_package_name_is_an_error_with_a_suggestion()
    {
        using var project = TwoPackages("packages: {pkg_oen: true}\n");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("no package named 'pkg_oen'", error.Message);
        Assert.Contains("Did you mean 'pkg_one'", error.Message);
    }

    [Fact]
    public void A_project_macro_replaces_a_package_macro_of_the_same_name()
    {
        using var project = new TempProject(extraProjectYaml: "macro-paths: [pkg_macros, macros]\n")
            .Write("pkg_macros/greet.sql", "{{ func greet()\n ret \"'package'\"\nend }}")
            .Write("macros/greet.sql", "{{ func greet()\n ret \"'project'\"\nend }}")
            .Write("models/one/package.yml", "name: pkg_one\n")
            .Write("models/one/one_a.sql", "{{ config materialized: 'table' }}select {{ greet }} as who");
        Assert.False(project.Run().Failed);
        Assert.Equal(["project"], project.Query("select who from main.one_a"));
    }
}
