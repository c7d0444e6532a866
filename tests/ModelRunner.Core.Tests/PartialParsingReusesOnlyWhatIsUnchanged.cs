using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

/// <summary>
/// target/partial_parse.json serves unchanged models without parsing or rendering them, and never serves
/// a stale result: each test changes one input and expects the compiled SQL to follow.
/// </summary>
public class PartialParsingReusesOnlyWhatIsUnchanged
{
    private static TempProject Project() => new TempProject(extraProjectYaml: "vars:\n  limit: 5\n")
        .Write("macros/m.sql", "{{ func top(n)\n ret 'limit ' + n\nend }}")
        .Write("models/base.sql", "{{ config materialized: 'table' }}select 1 as id")
        .Write("models/eph.sql", "{{ config materialized: 'ephemeral' }}select id from {{ ref 'base' }}")
        .Write("models/top.sql", "select * from {{ ref 'eph' }} {{ top (var 'limit') }}");

    /// <summary>Compiles everything as `compile` does (saving the cache) and returns top's SQL and the cache hits.</summary>
    private static (string Sql, int Hits) CompileTop(TempProject project, IReadOnlyDictionary<string, string>? env = null, string model = "top")
    {
        var workspace = project.Open(env: env);
        var compiled = new CompileService().Compile(workspace, Array.Empty<string>(), Array.Empty<string>(), false, offline: true);
        return (compiled.Single(c => c.Node.Name == model).Sql.Trim(), workspace.ParseCache!.Hits);
    }

    [Fact]
    public void An_unchanged_project_is_served_from_the_cache_with_the_same_sql()
    {
        using var project = Project();
        var first = CompileTop(project);
        Assert.Equal(0, first.Hits);
        var second = CompileTop(project);
        Assert.Equal(first.Sql, second.Sql);
        Assert.True(second.Hits >= 5, $"expected the models and their renders from the cache, got {second.Hits} hits");
    }

    [Fact]
    public void Editing_a_model_recompiles_it()
    {
        using var project = Project();
        CompileTop(project);
        project.Write("models/top.sql", "select id * 2 as id from {{ ref 'eph' }}");
        Assert.StartsWith("with __mr_cte__eph as (", CompileTop(project).Sql);
        Assert.Contains("select id * 2 as id from __mr_cte__eph", CompileTop(project).Sql);
    }

    [Fact]
    public void Editing_an_ephemeral_parent_reaches_its_inlined_cte()
    {
        using var project = Project();
        CompileTop(project);
        project.Write("models/eph.sql", "{{ config materialized: 'ephemeral' }}select id + 100 as id from {{ ref 'base' }}");
        Assert.Contains("select id + 100 as id", CompileTop(project).Sql);
    }

    [Fact]
    public void Moving_a_referenced_model_to_another_schema_reaches_its_dependants()
    {
        using var project = Project();
        project.Write("models/leaf.sql", "select * from {{ ref 'base' }}");
        Assert.Contains("\"main\".\"base\"", CompileTop(project, model: "leaf").Sql);
        project.Write("models/base.sql", "{{ config materialized: 'table' schema: 'derived' }}select 1 as id");
        Assert.Contains("\"main_derived\".\"base\"", CompileTop(project, model: "leaf").Sql);
    }

    [Fact]
    public void Changing_vars_or_macros_invalidates_the_cache()
    {
        using var project = Project();
        Assert.EndsWith("limit 5", CompileTop(project).Sql);
        project.Write("models.yml", "name: testproj\nprofile: test\nvars:\n  limit: 7\n");
        Assert.EndsWith("limit 7", CompileTop(project).Sql);
        project.Write("macros/m.sql", "{{ func top(n)\n ret 'fetch first ' + n + ' rows only'\nend }}");
        Assert.EndsWith("fetch first 7 rows only", CompileTop(project).Sql);
    }

    [Fact]
    public void Models_reading_the_environment_are_rendered_every_time()
    {
        using var project = Project();
        project.Write("models/top.sql", "select '{{ env_var \"REGION\" \"none\" }}' as region");
        Assert.Equal("select 'eu' as region", CompileTop(project, new Dictionary<string, string> { ["REGION"] = "eu" }).Sql);
        Assert.Equal("select 'us' as region", CompileTop(project, new Dictionary<string, string> { ["REGION"] = "us" }).Sql);
    }

    [Fact]
    public void Models_reading_other_models_tags_are_cached_and_follow_a_tag_change()
    {
        using var project = Project().Write("models/tagged.sql", "select '{{ array.join (models_tagged 'daily') ',' }}' as models");
        Assert.Equal("select '' as models", CompileTop(project, model: "tagged").Sql);
        var unchanged = CompileTop(project, model: "tagged");
        Assert.Equal("select '' as models", unchanged.Sql);
        Assert.True(unchanged.Hits >= 8, $"expected every model and render from the cache, got {unchanged.Hits} hits");
        project.Write("models/base.sql", "{{ config materialized: 'table' tags: ['daily'] }}select 1 as id");
        Assert.Equal("select 'base' as models", CompileTop(project, model: "tagged").Sql);
    }

    [Fact]
    public void A_damaged_cache_file_only_costs_a_full_parse()
    {
        using var project = Project();
        var first = CompileTop(project);
        project.Write("target/" + ModelRunner.Core.Project.ParseCache.FileName, "not a cache file at all");
        Assert.Equal(first.Sql, CompileTop(project).Sql);
    }

    [Fact]
    public void A_broken_template_is_still_reported_after_a_cached_run()
    {
        using var project = Project();
        CompileTop(project);
        project.Write("models/top.sql", "select {{ if }}");
        var error = Assert.Throws<Diagnostics.ProjectException>(() => CompileTop(project));
        Assert.Equal("models/top.sql", error.Diagnostics[0].File);
    }
}
