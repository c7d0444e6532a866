using ModelRunner.Core.Diagnostics;
using ModelRunner.TestSupport;

namespace ModelRunner.Core.Tests;

public class DagValidation
{
    [Fact]
    public void A_cycle_is_reported_with_its_whole_path()
    {
        using var project = new TempProject()
            .Write("models/a.sql", "select * from {{ ref 'b' }}")
            .Write("models/b.sql", "select * from {{ ref 'c' }}")
            .Write("models/c.sql", "select * from {{ ref 'a' }}");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("a -> b -> c -> a", error.Message);
    }

    [Fact]
    public void An_unknown_ref_names_the_file_position_and_suggests_a_model()
    {
        using var project = new TempProject()
            .Write("models/orders.sql", "select 1 as id")
            .Write("models/b.sql", "select *\nfrom {{ ref 'order' }}");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        var d = Assert.Single(error.Diagnostics);
        Assert.Equal(("models/b.sql", 2, 9, "b"), (d.File, d.Line, d.Column, d.Node));
        Assert.Contains("Did you mean 'orders'", d.Message);
    }

    [Fact]
    public void An_unknown_source_table_is_an_error()
    {
        using var project = new TempProject(extraProjectYaml: "sources:\n  - name: atomic\n    tables:\n      - name: events\n")
            .Write("models/a.sql", "select * from {{ source 'atomic' 'event' }}");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("Did you mean 'events'", error.Message);
    }

    [Fact]
    public void A_ref_to_a_disabled_model_says_it_is_disabled()
    {
        using var project = new TempProject()
            .Write("models/old.sql", "{{ config enabled: false }}select 1 as id")
            .Write("models/b.sql", "select * from {{ ref 'old' }}");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("'old', which is disabled", error.Message);
    }

    [Fact]
    public void Two_models_with_one_name_are_refused()
    {
        using var project = new TempProject()
            .Write("models/x/a.sql", "select 1")
            .Write("models/y/a.sql", "select 2");
        var error = Assert.Throws<ProjectException>(() => project.Open());
        Assert.Contains("models/x/a.sql", error.Message);
        Assert.Contains("models/y/a.sql", error.Message);
    }

    [Fact]
    public void Sources_resolve_to_their_schema_and_identifier()
    {
        using var project = new TempProject(extraProjectYaml: "sources:\n  - name: atomic\n    schema: atomic\n    tables:\n      - name: events\n        identifier: raw_events\n")
            .Write("models/a.sql", "select * from {{ source 'atomic' 'events' }}");
        var sql = project.CompileOffline()[0].Sql;
        Assert.Equal("select * from \"atomic\".\"raw_events\"", sql.Trim());
    }
}
