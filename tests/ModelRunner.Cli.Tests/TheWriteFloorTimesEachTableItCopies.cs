using DuckDB.NET.Data;
using ModelRunner.Benchmarks;
using ModelRunner.Core.Engines;

namespace ModelRunner.Cli.Tests;

/// <summary>
/// The full refresh's write floor (src/ModelRunner.Benchmarks) copies every table the run left, each timed alone, and
/// names the longest with their rows and columns: where the floor's time goes. Runs on a DuckDB file of its own.
/// </summary>
public sealed class TheWriteFloorTimesEachTableItCopies : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "mr-floor-" + Guid.NewGuid().ToString("N")[..12] + ".duckdb");

    public TheWriteFloorTimesEachTableItCopies()
    {
        using var connection = new DuckDBConnection($"DataSource={_database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "create schema derived; "
            + "create table derived.narrow as select range as id, 'x' || range as name from range(10); "
            + "create table derived.wide as select range as id, range * 2 as twice, 'row ' || range as label, range % 7 = 0 as lucky from range(5000)";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var file in new[] { _database, _database + ".wal" })
            if (File.Exists(file)) File.Delete(file);
    }

    private static readonly Relation Narrow = new(null, "derived", "narrow");
    private static readonly Relation Wide = new(null, "derived", "wide");

    [Fact]
    public void Each_table_is_counted_with_its_rows_and_columns()
    {
        var figures = FullRefreshWriteFloor.Measure(_database, [Narrow, Wide]);

        Assert.Equal(5010, figures.Rows);
        Assert.Equal(2, figures.Tables);
        Assert.Equal([(Narrow, 10L, 2), (Wide, 5000L, 4)], figures.ByTable.Select(t => (t.Table, t.Rows, t.Columns)).ToArray());
        Assert.All(figures.ByTable, t => Assert.True(t.Write > TimeSpan.Zero));
        Assert.True(figures.Checkpoint <= figures.Write - figures.ByTable.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Write));
    }

    [Fact]
    public void The_longest_are_named_with_what_they_hold_and_the_checkpoint_after_them()
    {
        var figures = FullRefreshWriteFloor.Measure(_database, [Narrow, Wide]);
        var longest = figures.ByTable.MaxBy(t => t.Write)!;

        var line = FullRefreshWriteFloor.Largest(figures, 1);

        Assert.StartsWith($"{longest.Table.Identifier} {longest.Rows:N0} rows of {longest.Columns} columns ", line);
        Assert.Contains("; the checkpoint after them ", line);
        Assert.Single(new[] { "narrow ", "wide " }, name => line.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public void The_copies_are_gone_afterwards_and_the_tables_untouched()
    {
        FullRefreshWriteFloor.Measure(_database, [Narrow, Wide]);

        using var connection = new DuckDBConnection($"DataSource={_database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select string_agg(table_name, ',' order by table_name) from duckdb_tables() where database_name <> 'temp'";
        Assert.Equal("narrow,wide", command.ExecuteScalar());
        command.CommandText = "select count(*) from derived.wide";
        Assert.Equal(5000L, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
