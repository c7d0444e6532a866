using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// A folder's <c>+run_scoped: true</c> reaches every model in it; an ephemeral one has no table to keep, so for it the
/// flag means nothing: it loads, is inlined where it is read (the Snowplow packages' this-run models read by one model),
/// and a view may read it when what it reads is not run-scoped.
/// </summary>
public class AnEphemeralModelInARunScopedFolderIsInlined
{
    private static TempProject Project() => new TempProject(extraProjectYaml: "models:\n  scratch: {+materialized: table, +run_scoped: true}\n")
        .Write("models/base.sql", "{{ config materialized: 'table' }}select range + 1 as id from range(3)")
        .Write("models/scratch/doubled.sql", "{{ config materialized: 'ephemeral' }}select id * 2 as id from {{ ref 'base' }}")
        .Write("models/scratch/kept.sql", "select id from {{ ref 'base' }}")
        .Write("models/total.sql", "{{ config materialized: 'table' }}select sum(d.id) as total, count(k.id) as kept from {{ ref 'doubled' }} as d join {{ ref 'kept' }} as k on k.id * 2 = d.id")
        .Write("models/doubled_view.sql", "{{ config materialized: 'view' }}select id from {{ ref 'doubled' }}");

    [Fact]
    public void It_is_built_into_its_reader_and_no_table_of_its_own()
    {
        using var project = Project();
        var results = project.Run();
        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Name + ": " + n.Message)));
        Assert.Equal(["12", "3"], project.Query("select total, kept from main.total").SelectMany(r => r.Split('|', StringSplitOptions.TrimEntries)));
        Assert.Equal(["0"], project.Query("select count(*) from duckdb_tables() where table_name = 'doubled'"));
        Assert.Equal(["2", "4", "6"], project.Query("select id from main.doubled_view order by id"));
    }

    [Fact]
    public void Models_tagged_leaves_it_out()
    {
        using var project = Project()
            .Write("models/scratch/doubled.sql", "{{ config materialized: 'ephemeral' tags: ['daily'] }}select id * 2 as id from {{ ref 'base' }}")
            .Write("models/scratch/kept.sql", "{{ config tags: ['daily'] }}select id from {{ ref 'base' }}")
            .Write("models/names.sql", "{{ config materialized: 'table' }}select '{{ array.join (models_tagged 'daily') ',' }}' as names");
        var results = project.Run();
        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Name + ": " + n.Message)));
        Assert.Equal(["kept"], project.Query("select names from main.names"));
    }
}
