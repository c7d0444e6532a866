using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

public class MacrosDispatchOnTheTargetEngine
{
    private static string Compile(TempProject project) => project.CompileOffline()[0].Sql.Trim();

    [Fact]
    public void The_engine_variant_is_chosen_over_the_default()
    {
        using var project = new TempProject()
            .Write("macros/m.sql", "{{ func duckdb__idx(x)\n ret x + '[1]'\nend\nfunc default__idx(x)\n ret x + '[0]'\nend }}")
            .Write("models/a.sql", "select {{ idx 'arr' }}");
        Assert.Equal("select arr[1]", Compile(project));
    }

    [Fact]
    public void The_default_variant_is_used_when_the_engine_has_none()
    {
        using var project = new TempProject()
            .Write("macros/m.sql", "{{ func databricks__idx(x)\n ret x + '[0]'\nend\nfunc default__idx(x)\n ret 'default:' + x\nend }}")
            .Write("models/a.sql", "select {{ idx 'arr' }}");
        Assert.Equal("select default:arr", Compile(project));
    }

    [Fact]
    public void Macros_call_each_other_and_see_the_model_scope()
    {
        using var project = new TempProject()
            .Write("macros/m.sql", "{{ func quoted_this()\n ret 'from ' + this\nend\nfunc wrapper()\n ret 'select 1 ' + quoted_this\nend }}")
            .Write("models/a.sql", "{{ wrapper }}");
        Assert.Equal("select 1 from \"main\".\"a\"", Compile(project));
    }

    [Fact]
    public void A_macro_defined_twice_is_an_error_naming_both_places()
    {
        using var project = new TempProject()
            .Write("macros/a.sql", "{{ func m()\n ret 1\nend }}")
            .Write("macros/b.sql", "{{ func m()\n ret 2\nend }}")
            .Write("models/a.sql", "select 1");
        var error = Assert.Throws<Diagnostics.ProjectException>(() => project.Open());
        Assert.Contains("macros/a.sql", error.Message);
        Assert.Contains("macros/b.sql", error.Message);
    }
}
