using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// A package's run-scoped tables are gone between runs (DuckDB keeps them in memory): that alone never stops the package
/// being reused, but a model outside it that reads one does, since the run must build the table it reads.
/// </summary>
public class RunScopedTablesOfAPackageAndItsReuse
{
    private static TempProject Project()
    {
        var project = new TempProject()
            .Write("models/pkg/package.yml", """
                name: pkg
                models: {+materialized: table}
                input-signal: "select (select count(*) from raw.events) as events, (select count(*) from {{ ref 'pkg_progress' }}) as done"
                """)
            .Write("models/pkg/pkg_progress.sql", """
                {{ config materialized: "incremental" }}
                select id from raw.events
                {{ if is_incremental }}where id > (select coalesce(max(id), 0) from {{ this }}){{ end }}
                """)
            .Write("models/pkg/pkg_scratch.sql", "{{ config run_scoped: true }}select id * 2 as id from {{ ref 'pkg_progress' }}")
            .Write("models/pkg/pkg_copy.sql", "select id from {{ ref 'pkg_scratch' }}");
        project.Execute("create schema raw; create table raw.events as select range + 1 as id from range(3)");
        return project;
    }

    /// <summary>Runs until a run changes nothing, then once more: the package's state as a scheduled run finds it.</summary>
    private static RunResults RunUntilIdle(TempProject project)
    {
        for (var i = 0; i < 3; i++) project.Run();
        return project.Run();
    }

    [Fact]
    public void A_package_with_run_scoped_tables_is_reused_all_the_same()
    {
        using var project = Project();
        var results = RunUntilIdle(project);
        Assert.Equal(NodeStatus.Reused, results.StatusOf("pkg_scratch"));
        Assert.Equal(NodeStatus.Reused, results.StatusOf("pkg_copy"));
        Assert.Equal(["3"], project.Query("select count(*) from main.pkg_copy"));
    }

    [Fact]
    public void A_model_outside_the_package_reading_its_run_scoped_table_keeps_it_from_being_reused()
    {
        using var project = Project()
            .Write("models/reader.sql", "{{ config materialized: 'table' }}select max(id) as top from {{ ref 'pkg_scratch' }}");
        var results = RunUntilIdle(project);
        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Message)));
        Assert.Equal(NodeStatus.Success, results.StatusOf("pkg_scratch"));
        Assert.Equal(["6"], project.Query("select top from main.reader"));
    }
}
