using ModelRunner.Core.Diagnostics;
using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

public class TemplateErrorsAreDiagnostics
{
    [Fact]
    public void A_syntax_error_names_the_file_line_and_column()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1\nfrom {{ if x }} t");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        var d = Assert.Single(error.Diagnostics);
        Assert.Equal("models/a.sql", d.File);
        Assert.Equal(2, d.Line);
        Assert.True(d.Column > 1);
    }

    [Fact]
    public void An_unknown_variable_is_an_error_at_render_time_with_its_location()
    {
        using var project = new TempProject().Write("models/a.sql", "select 1 as x\n  , {{ nope }} as y");
        var error = Assert.Throws<ProjectException>(() => project.CompileOffline());
        var d = Assert.Single(error.Diagnostics);
        Assert.Equal(("models/a.sql", 2, 8, "a"), (d.File, d.Line, d.Column, d.Node));
        Assert.Contains("nope", d.Message);
    }

    [Fact]
    public void A_missing_var_without_default_is_an_error_suggesting_a_close_name()
    {
        using var project = new TempProject(extraProjectYaml: "vars:\n  start_date: '2024-01-01'\n")
            .Write("models/a.sql", "select '{{ var \"start_dat\" }}' as d");
        var error = Assert.Throws<ProjectException>(() => project.CompileOffline());
        Assert.Contains("Did you mean 'start_date'", error.Message);
        Assert.Contains("models/a.sql:1:", error.Message);
    }

    [Fact]
    public void A_ref_with_a_computed_argument_is_refused_statically()
    {
        using var project = new TempProject().Write("models/a.sql", "{{ x = 'b' }}select * from {{ ref x }}");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("string literals", error.Message);
        Assert.Equal("models/a.sql", error.Diagnostics[0].File);
    }

    [Fact]
    public void Yaml_syntax_errors_name_the_file_and_line()
    {
        using var project = new TempProject().Write("models/schema.yml", "version: 2\nmodels:\n  - name: a\n   description: [oops\n");
        project.Write("models/a.sql", "select 1");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Equal("models/schema.yml", error.Diagnostics[0].File);
        Assert.True(error.Diagnostics[0].Line >= 3);
    }
}
