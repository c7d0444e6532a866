using ModelRunner.Core.Diagnostics;
using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

/// <summary>Template contexts are reused between renders (see TemplateEnvironment); nothing of one render reaches the next.</summary>
public class EachRenderStartsFromACleanContext
{
    private static string Sql(IEnumerable<CompiledNode> compiled, string name) => compiled.Single(c => c.Node.Name == name).Sql.Trim();

    [Fact]
    public void Variables_and_functions_a_model_defines_are_unknown_to_the_models_rendered_after_it()
    {
        // Rendered one after the other on one thread, many times over, so that contexts are reused.
        using var project = new TempProject();
        for (var i = 0; i < 40; i++)
            project.Write($"models/define_{i:00}.sql", "{{ x = 1 }}{{ func helper(); ret 'h'; end }}select {{ x }} as x, '{{ helper }}' as h");
        project.Write("models/reads_x.sql", "select {{ x }} as x");
        var error = Assert.Throws<ProjectException>(() => project.CompileOffline());
        var d = Assert.Single(error.Diagnostics);
        Assert.Equal(("models/reads_x.sql", "reads_x"), (d.File, d.Node));
        Assert.Contains("`x` was not found", d.Message);
    }

    [Fact]
    public void A_template_that_returns_early_or_breaks_a_loop_does_not_cut_short_the_next_render()
    {
        using var project = new TempProject();
        for (var i = 0; i < 40; i++)
        {
            project.Write($"models/early_{i:00}.sql", "select 1 as a{{ ret }} this text is never rendered");
            project.Write($"models/loop_{i:00}.sql", "select {{ for n in 1..3 }}{{ n }}{{ if n == 2; break; end }} + {{ end }}0 as b");
        }
        var compiled = project.CompileOffline();
        Assert.Equal("select 1 as a", Sql(compiled, "early_07"));
        Assert.Equal("select 1 + 20 as b", Sql(compiled, "loop_31"));
        Assert.All(compiled.Where(c => c.Node.Name.StartsWith("loop_")), c => Assert.Equal("select 1 + 20 as b", c.Sql.Trim()));
    }
}
