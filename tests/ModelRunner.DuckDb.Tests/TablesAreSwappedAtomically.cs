using ModelRunner.Core.Running;
using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

public class TablesAreSwappedAtomically
{
    [Fact]
    public void A_failed_rebuild_leaves_the_previous_table_untouched()
    {
        using var project = new TempProject().Write("models/t.sql", "{{ config materialized: 'table' }}select 1 as id union all select 2");
        Assert.False(project.Run().Failed);
        project.Write("models/t.sql", "{{ config materialized: 'table' }}select id from no_such_table");
        var results = project.Run();
        Assert.Equal(NodeStatus.Error, results.StatusOf("t"));
        Assert.Contains("no_such_table", results.Nodes[0].Message);
        Assert.Contains("target/compiled/models/t.sql", results.Nodes[0].Message);
        Assert.Equal(new[] { "1", "2" }, project.Query("select id from main.t order by id"));
        Assert.Empty(project.Query("select table_name from information_schema.tables where table_name like '%__mr_%'"));
    }

    [Fact]
    public void A_rebuild_that_fails_while_writing_rows_leaves_the_previous_table_untouched()
    {
        // CREATE OR REPLACE TABLE replaces the table in DuckDB: the error comes after rows were written, and the
        // replacement must still roll back.
        using var project = new TempProject().Write("models/t.sql", "{{ config materialized: 'table' }}select range as id from range(3)");
        Assert.False(project.Run().Failed);
        project.Write("models/t.sql", "{{ config materialized: 'table' }}select range as id, case when range = 150000 then error('row 150000 is bad') end as x from range(200000)");
        var results = project.Run();
        Assert.Equal(NodeStatus.Error, results.StatusOf("t"));
        Assert.Contains("row 150000 is bad", results.Nodes[0].Message);
        Assert.Equal(new[] { "0", "1", "2" }, project.Query("select id from main.t order by id"));
    }

    [Fact]
    public void A_view_can_become_a_table_and_back()
    {
        using var project = new TempProject().Write("models/t.sql", "select 1 as id");
        project.Run();
        Assert.Equal(new[] { "VIEW" }, project.Query("select table_type from information_schema.tables where table_name = 't'"));
        project.Write("models/t.sql", "{{ config materialized: 'table' }}select 1 as id");
        project.Run();
        Assert.Equal(new[] { "BASE TABLE" }, project.Query("select table_type from information_schema.tables where table_name = 't'"));
        project.Write("models/t.sql", "select 2 as id");
        project.Run();
        Assert.Equal(new[] { "VIEW" }, project.Query("select table_type from information_schema.tables where table_name = 't'"));
        Assert.Equal(new[] { "2" }, project.Query("select id from main.t"));
    }

    [Fact]
    public void Custom_schemas_are_appended_to_the_target_schema_and_created()
    {
        using var project = new TempProject().Write("models/t.sql", "{{ config materialized: 'table' schema: 'derived' }}select 1 as id");
        Assert.False(project.Run().Failed);
        Assert.Equal(new[] { "1" }, project.Query("select id from main_derived.t"));
    }
}
