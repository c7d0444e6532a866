using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

/// <summary>
/// <c>model</c> (name, path, materialization, tags, config) is built only for templates that read it, directly or
/// through a macro; these tests pin that every such template still gets it.
/// </summary>
public class TemplatesReadTheirModelObject
{
    private static string Compile(TempProject project) => project.CompileOffline()[0].Sql.Trim();

    [Fact]
    public void A_model_reads_its_name_materialization_tags_and_config()
    {
        using var project = new TempProject()
            .Write("models/orders.sql", "{{ config materialized: 'table' tags: ['daily'] meta: {owner: 'sales'} }}"
                + "select '{{ model.name }}|{{ model.materialized }}|{{ model.tags[0] }}|{{ model.config.meta.owner }}|{{ model.path }}' as m");
        Assert.Equal("select 'orders|table|daily|sales|models/orders.sql' as m", Compile(project));
    }

    [Fact]
    public void An_unset_config_key_reads_as_null_and_a_misspelled_one_is_an_error()
    {
        using var project = new TempProject()
            .Write("models/orders.sql", "select '{{ if model.config.cluster_by }}clustered{{ else }}plain{{ end }}' as m");
        Assert.Equal("select 'plain' as m", Compile(project));
        project.Write("models/orders.sql", "select '{{ model.config.clusterby }}' as m");
        var error = Assert.Throws<Diagnostics.ProjectException>(() => project.CompileOffline());
        Assert.Contains("models/orders.sql:1:", error.Message);
        Assert.Contains("clusterby", error.Message);
    }

    [Fact]
    public void A_macro_the_model_calls_reads_the_model()
    {
        using var project = new TempProject()
            .Write("macros/m.sql", "{{ func label()\n ret 'model ' + model.name\nend\nfunc outer()\n ret label\nend }}")
            .Write("models/orders.sql", "select '{{ outer }}' as m");
        Assert.Equal("select 'model orders' as m", Compile(project));
    }

    [Fact]
    public void A_model_from_the_partial_parse_cache_rendered_again_still_reads_it()
    {
        // orders is unchanged (served from the cache, not parsed at load) but renders again: its ref moved.
        using var project = new TempProject()
            .Write("models/base.sql", "select 1 as id")
            .Write("models/orders.sql", "select '{{ model.name }}' as m from {{ ref 'base' }}");
        Assert.Equal("select 'orders' as m from \"main\".\"base\"", CompileWithCache(project));
        project.Write("models/base.sql", "{{ config alias: 'base_v2' }}select 1 as id");
        Assert.Equal("select 'orders' as m from \"main\".\"base_v2\"", CompileWithCache(project));
    }

    private static string CompileWithCache(TempProject project)
    {
        var workspace = project.Open();
        var compiled = new CompileService().Compile(workspace, Array.Empty<string>(), Array.Empty<string>(), false, offline: true);
        return compiled.Single(c => c.Node.Name == "orders").Sql.Trim();
    }

    [Fact]
    public void A_template_that_does_not_name_model_cannot_reach_it_otherwise()
    {
        // Strict variables: reading an unknown name is an error, so a template that never names `model` cannot
        // miss it; one that does gets it (above).
        using var project = new TempProject().Write("models/orders.sql", "select {{ modl.name }}");
        var error = Assert.Throws<Diagnostics.ProjectException>(() => project.CompileOffline());
        Assert.Contains("modl", error.Message);
    }
}
