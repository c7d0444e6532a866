using ModelRunner.TestSupport;

namespace ModelRunner.DuckDb.Tests;

/// <summary>
/// A table's build reports the rows its CREATE TABLE … AS wrote, from DuckDB's answer to that statement, without a
/// count of the table afterwards (a query per table model, every run).
/// </summary>
public class ATableBuildReportsTheRowsItWrote
{
    [Fact]
    public void Tables_and_first_incremental_builds_report_their_rows_and_count_nothing()
    {
        using var project = new TempProject()
            .Write("models/seven.sql", "{{ config materialized: 'table' }}select range as id from range(7)")
            .Write("models/none.sql", "{{ config materialized: 'table' }}select id from {{ ref 'seven' }} where id > 100")
            .Write("models/growing.sql", "{{ config materialized: 'incremental' unique_key: 'id' }}select id from {{ ref 'seven' }} where id < 5");

        var results = project.RunObserved(out var calls, threads: 1);

        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Message)));
        Assert.Equal(7, results.Result("seven").Rows);
        Assert.Equal(0, results.Result("none").Rows);
        Assert.Equal(5, results.Result("growing").Rows);
        Assert.DoesNotContain(calls.Queries, q => q.Contains("count(*)", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_view_dropped_for_a_table_still_reports_the_tables_rows()
    {
        using var project = new TempProject().Write("models/m.sql", "select range as id from range(3)");
        Assert.False(project.RunObserved(out _, threads: 1).Failed);
        project.Write("models/m.sql", "{{ config materialized: 'table' }}select range as id from range(4)");

        var results = project.RunObserved(out _, threads: 1);

        Assert.False(results.Failed, string.Join("\n", results.Nodes.Select(n => n.Message)));
        Assert.Equal(4, results.Result("m").Rows);
    }
}
