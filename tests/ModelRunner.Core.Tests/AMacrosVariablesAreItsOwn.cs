using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

/// <summary>
/// What a macro assigns or captures into is its own, as a Jinja macro's `set` is: the model calling it keeps its own
/// variable of the same name, and the macro still sees the model's variables it only reads.
/// </summary>
public class AMacrosVariablesAreItsOwn
{
    private static string Compile(TempProject project) => project.CompileOffline()[0].Sql.Trim();

    [Fact]
    public void A_list_the_macro_assigns_leaves_the_models_list_of_that_name_alone()
    {
        using var project = new TempProject()
            .Write("macros/m.sql", "{{ func listed()\n  fields = ['x', 'y']\n  ret array.join fields ', '\nend }}")
            .Write("models/a.sql", "{{ fields = ['a'] }}select {{ listed }}, {{ array.join fields ', ' }}");
        Assert.Equal("select x, y, a", Compile(project));
    }

    [Fact]
    public void A_capture_inside_a_macro_leaves_the_models_variable_of_that_name_alone()
    {
        using var project = new TempProject()
            .Write("macros/m.sql", "{{ func wrapped(inner)\n  capture sql }}({{ inner }}){{ end\n  ret sql\nend }}")
            .Write("models/a.sql", "{{ sql = 'kept' }}select {{ wrapped 1 }} as w, '{{ sql }}' as s");
        Assert.Equal("select (1) as w, 'kept' as s", Compile(project));
    }

    [Fact]
    public void A_macro_still_reads_the_models_variables_it_does_not_assign()
    {
        using var project = new TempProject()
            .Write("macros/m.sql", "{{ func suffixed(name)\n  out = name + suffix\n  ret out\nend }}")
            .Write("models/a.sql", "{{ suffix = '_v2' }}select 1 as {{ suffixed 'col' }}");
        Assert.Equal("select 1 as col_v2", Compile(project));
    }
}
